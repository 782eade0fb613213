import {
  createStreamPayloadHasher,
  type StreamPayloadHasher,
} from '../../protocol/relay/createStreamPayloadHasher.ts'
import { InvalidRelayResponseError, SupplierErrorResponse } from '../errors.ts'
import type { SseEvent } from '../ports.ts'
import { supplierErrorFrom } from './runJsonAttempt.ts'
import type { Attempt, RelayJob, RouterContext } from './types.ts'

/** An OpenAI chunk as received (only the fields routing reads are typed). */
export type StreamChunk = Record<string, unknown> & {
  choices?: Array<Record<string, unknown>>
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null
}

/** A stream that produced its first chunk: the rest is read from `iterator`. */
export type OpenStream = {
  iterator: AsyncIterator<SseEvent>
  /** Running payload hash over every chunk received (spec §2.2), first chunk included. */
  hasher: StreamPayloadHasher
  firstChunk: StreamChunk
  firstChunkAtMs: number
}

/**
 * Sends a streaming relay and reads up to its first chunk, which is the attempt's "first byte": until
 * then the request can still be retried or hedged elsewhere at no cost to the client.
 *
 * @param context - router context
 * @param job - the request
 * @param attempt - the attempt to run
 * @returns the open stream
 * @throws {SupplierErrorResponse} an error reply or an `error` event before any chunk;
 *   {InvalidRelayResponseError} a reply that is not a stream of JSON chunks
 * @example
 * const open = await openStreamAttempt(context, job, attempt)
 */
export async function openStreamAttempt(
  context: RouterContext,
  job: RelayJob,
  attempt: Attempt,
): Promise<OpenStream> {
  const reply = await context.transport.send(attempt.candidate.supplier.endpoint, attempt.relay.json, {
    signal: attempt.controller.signal,
    requestId: job.requestId,
  })
  if (reply.status !== 200) throw supplierErrorFrom(reply.kind === 'json' ? reply : { status: reply.status })
  if (reply.kind !== 'stream')
    throw new InvalidRelayResponseError({ check: 'malformed', details: 'JSON for a stream' })
  const iterator = reply.events[Symbol.asyncIterator]()
  const hasher = createStreamPayloadHasher()
  for (;;) {
    const step = await iterator.next()
    if (step.done)
      throw new SupplierErrorResponse({
        status: 502,
        code: 'EMPTY_STREAM',
        message: 'stream ended before a chunk',
        fault: 'supplier',
      })
    const event = step.value
    if (event.event === 'error') throw supplierErrorFrom({ status: 502, body: parseJson(event.data) })
    if (event.event !== undefined && event.event !== 'message') continue
    const chunk = parseChunk(event.data)
    hasher.update(chunk)
    return { iterator, hasher, firstChunk: chunk, firstChunkAtMs: context.nowMs() }
  }
}

/**
 * Parses one `data:` event as an OpenAI chunk object.
 *
 * @param data - the event's data
 * @returns the chunk
 * @throws {InvalidRelayResponseError} `[DONE]` where a chunk was due, or anything that is not a JSON object
 * @example
 * const chunk = parseChunk(event.data)
 */
export function parseChunk(data: string): StreamChunk {
  const value = parseJson(data)
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidRelayResponseError({
      check: 'malformed',
      details: 'a stream event is not a JSON object',
    })
  return value as StreamChunk
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data)
  } catch {
    return undefined
  }
}
