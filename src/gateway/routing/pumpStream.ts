import type { RelayResponse } from '../../protocol/relay/types.ts'
import { InvalidRelayResponseError, SupplierErrorResponse } from '../errors.ts'
import type { SseEvent } from '../ports.ts'
import { type ReportedUsage, verifyRelayResponse } from '../relay/verifyRelayResponse.ts'
import { type OpenStream, parseChunk, type StreamChunk } from './openStreamAttempt.ts'
import { supplierErrorFrom } from './runJsonAttempt.ts'
import type { Attempt, RouterContext } from './types.ts'

/** The trailer event's name (docs/relayminer.md): the supplier's signed response, after `[DONE]`. */
export const RELAY_RESPONSE_EVENT = 'relay-response'

/** How one supplier's stream ended. */
export type PumpOutcome =
  /** Verified: the trailer's signature, request hash, payload hash and usage all check out. */
  | { kind: 'verified'; response: RelayResponse }
  /** Every chunk and `[DONE]` arrived, but the signed trailer was missing or failed its checks. */
  | { kind: 'unverified'; error: InvalidRelayResponseError }
  /** The stream stopped before `[DONE]`: connection lost, error event, silence, or a bad chunk. */
  | { kind: 'broken'; error: unknown }

/**
 * Reads a won stream to its end, yielding every chunk as received (the first one included) and
 * returning how it ended. Each chunk is hashed before it is yielded, so the payload hash the trailer is
 * checked against is the hash of exactly what the client was sent. A stream silent for
 * `idleTimeoutMs` is aborted and counts as broken.
 *
 * @param context - router context (domain)
 * @param attempt - the winning attempt (its controller aborts the supplier's stream)
 * @param open - the open stream from `openStreamAttempt`
 * @param idleTimeoutMs - longest silence tolerated between events
 * @returns chunks, then the outcome
 * @example
 * const pump = pumpStream(context, attempt, open, 20_000)
 * for (let step = await pump.next(); !step.done; step = await pump.next()) send(step.value)
 */
export async function* pumpStream(
  context: RouterContext,
  attempt: Attempt,
  open: OpenStream,
  idleTimeoutMs: number,
): AsyncGenerator<StreamChunk, PumpOutcome, undefined> {
  yield open.firstChunk
  let reportedUsage: ReportedUsage = open.firstChunk.usage ?? undefined
  let hasDone = false
  for (;;) {
    let step: IteratorResult<SseEvent>
    try {
      step = await nextWithin(open.iterator, idleTimeoutMs, attempt.controller)
    } catch (error) {
      return { kind: 'broken', error }
    }
    if (step.done) {
      if (!hasDone) return { kind: 'broken', error: streamCut() }
      return { kind: 'unverified', error: new InvalidRelayResponseError({ check: 'missing-trailer' }) }
    }
    const event = step.value
    if (event.event === 'error')
      return { kind: 'broken', error: supplierErrorFrom({ status: 502, body: safeJson(event.data) }) }
    if (event.event === RELAY_RESPONSE_EVENT) {
      const outcome = verifyTrailer(context, attempt, open, event.data, reportedUsage, hasDone)
      // The trailer is the supplier's last event. Reading on to the end of its response (normally already
      // received) lets the connection return to the keep-alive pool; otherwise the abort that ends every
      // attempt destroys it, and the next relay pays for a new TCP connection on both sides.
      await nextWithin(open.iterator, idleTimeoutMs, attempt.controller).catch(() => undefined)
      return outcome
    }
    if (event.event !== undefined && event.event !== 'message') continue
    if (event.data === '[DONE]') {
      hasDone = true
      continue
    }
    let chunk: StreamChunk
    try {
      chunk = parseChunk(event.data)
      open.hasher.update(chunk)
    } catch (error) {
      return { kind: 'broken', error }
    }
    if (chunk.usage) reportedUsage = chunk.usage
    yield chunk
  }
}

function verifyTrailer(
  context: RouterContext,
  attempt: Attempt,
  open: OpenStream,
  data: string,
  reportedUsage: ReportedUsage,
  hasDone: boolean,
): PumpOutcome {
  if (!hasDone)
    return {
      kind: 'broken',
      error: new InvalidRelayResponseError({ check: 'malformed', details: 'trailer before [DONE]' }),
    }
  try {
    const response = verifyRelayResponse({
      domain: context.ledgerInfo.domain,
      request: attempt.relay.request,
      requestHash: attempt.relay.requestHash,
      receivedPayloadHash: open.hasher.digest(),
      signed: safeJson(data),
      reportedUsage,
    })
    return { kind: 'verified', response }
  } catch (error) {
    if (error instanceof InvalidRelayResponseError) return { kind: 'unverified', error }
    throw error
  }
}

async function nextWithin<T>(
  iterator: AsyncIterator<T>,
  timeoutMs: number,
  controller: AbortController,
): Promise<IteratorResult<T>> {
  let timer: NodeJS.Timeout | undefined
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DOMException('The supplier stream went silent.', 'TimeoutError')
      controller.abort(error)
      reject(error)
    }, timeoutMs)
  })
  try {
    return await Promise.race([iterator.next(), idle])
  } finally {
    clearTimeout(timer)
  }
}

function streamCut(): SupplierErrorResponse {
  return new SupplierErrorResponse({
    status: 502,
    code: 'STREAM_CUT',
    message: 'stream ended before [DONE]',
    fault: 'supplier',
  })
}

function safeJson(data: string): unknown {
  try {
    return JSON.parse(data)
  } catch {
    return undefined
  }
}
