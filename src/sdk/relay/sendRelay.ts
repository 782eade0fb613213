import type { Hex } from '../../protocol/bytes/bytes.ts'
import { createStreamPayloadHasher } from '../../protocol/relay/createStreamPayloadHasher.ts'
import { hashResponsePayload } from '../../protocol/relay/hashResponsePayload.ts'
import type { RelayResponse } from '../../protocol/relay/types.ts'
import type { ReportedUsage } from '../../protocol/relay/verifyRelayResponse.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import { parseSseStream, type SseEvent } from '../../protocol/sse/parseSseStream.ts'
import { SdkInvalidRelayResponseError, SdkNoSupplierError, SdkRelayFailedError } from '../errors.ts'
import type { SdkSession, SdkSupplier } from '../ports.ts'
import { type RelayPayload, type SignedRelay, signRelay } from './signRelay.ts'
import { verifySignedResponse } from './verifySignedResponse.ts'

/** What relaying needs: who signs, how to reach suppliers, and how hard to try. */
export type SdkRelayContext = {
  domain: RelayDomain
  key: Uint8Array
  fetch: typeof fetch
  maxAttempts: number
  timeoutMs: number
  /** Operator → recent failures; suppliers that failed lately are tried last. */
  failures: Map<Hex, number>
}

/** One relay to send. */
export type SdkRelayJob = {
  session: SdkSession
  payload: RelayPayload
  maxInputTokens: number
  maxOutputTokens: number
  isStream: boolean
  /** Forward the usage chunk of a stream (the caller asked for `stream_options.include_usage`). */
  shouldForwardUsage: boolean
  signal?: AbortSignal | undefined
}

/** A verified non-streaming answer. */
export type SdkJsonAnswer = { kind: 'json'; body: unknown; response: RelayResponse; supplier: Hex }
/** A stream: chunks as they arrive; it throws at the end if the supplier's signed trailer does not verify. */
export type SdkStreamAnswer = {
  kind: 'stream'
  chunks: AsyncGenerator<Record<string, unknown>, RelayResponse>
  supplier: Hex
}

/** A supplier refused the relay with an error a different supplier would repeat (the request's fault). */
export class SdkSupplierRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`supplier refused the request with HTTP ${status}`)
    this.name = 'SdkSupplierRefusal'
  }
}

const clientCodes = new Set([
  'INFERENCE_INVALID_REQUEST',
  'INFERENCE_CONTEXT_OVERFLOW',
  'RELAYMINER_BOUNDS_EXCEEDED',
])

/**
 * Sends a relay directly to the session's suppliers: signed by the application itself, tried on one
 * supplier after another (those that failed lately last) until one answers; every answer's signature,
 * request hash, payload hash and usage is verified. A request error that any supplier would repeat
 * (invalid field, context overflow) is not retried.
 *
 * @param context - domain, key, fetch, attempts, timeout, failure memory
 * @param job - session, payload, bounds, streaming
 * @returns the verified JSON answer, or the stream once its first chunk is in
 * @throws {SdkNoSupplierError} an empty session; {SdkRelayFailedError} every attempt failed;
 *   {SdkSupplierRefusal} a request error
 * @example
 * const answer = await sendRelay(context, { session, payload, maxInputTokens: 512, maxOutputTokens: 64, isStream: false, shouldForwardUsage: false })
 */
export async function sendRelay(
  context: SdkRelayContext,
  job: SdkRelayJob,
): Promise<SdkJsonAnswer | SdkStreamAnswer> {
  const suppliers = [...job.session.suppliers]
    .sort(() => Math.random() - 0.5)
    .sort((a, b) => (context.failures.get(a.operator) ?? 0) - (context.failures.get(b.operator) ?? 0))
  if (suppliers.length === 0) throw new SdkNoSupplierError({ serviceId: job.session.header.serviceId })
  let lastError: unknown
  let attempts = 0
  for (const supplier of suppliers.slice(0, context.maxAttempts)) {
    attempts++
    try {
      const answer = await attempt(context, job, supplier)
      context.failures.delete(supplier.operator)
      return answer
    } catch (error) {
      if (error instanceof SdkSupplierRefusal || job.signal?.aborted) throw error
      context.failures.set(supplier.operator, (context.failures.get(supplier.operator) ?? 0) + 1)
      lastError = error
    }
  }
  throw new SdkRelayFailedError({ attempts, cause: lastError })
}

async function attempt(context: SdkRelayContext, job: SdkRelayJob, supplier: SdkSupplier) {
  const relay = signRelay({
    ...job,
    domain: context.domain,
    header: job.session.header,
    supplier: supplier.operator,
    key: context.key,
  })
  const timeout = AbortSignal.timeout(context.timeoutMs)
  const response = await context.fetch(relayUrlOf(supplier.endpoint), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(relay.json),
    signal: job.signal ? AbortSignal.any([job.signal, timeout]) : timeout,
  })
  const isStream = (response.headers.get('content-type') ?? '').startsWith('text/event-stream')
  if (response.status !== 200 || (isStream && !response.body)) {
    const body = await response.json().catch(() => undefined)
    const code = (body as { error?: { code?: string } } | undefined)?.error?.code
    if (code && clientCodes.has(code)) throw new SdkSupplierRefusal(response.status, body)
    throw new Error(`supplier answered HTTP ${response.status}${code ? ` ${code}` : ''}`)
  }
  if (!isStream) return verifyJson(context, relay, supplier, await response.json())
  const events = parseSseStream(response.body as unknown as AsyncIterable<Uint8Array>)
  return openStream(context, job, relay, supplier, events)
}

function verifyJson(
  context: SdkRelayContext,
  relay: SignedRelay,
  supplier: SdkSupplier,
  answer: unknown,
): SdkJsonAnswer {
  const payload = (answer as { payload?: { status?: number; body?: unknown } }).payload
  if (payload?.status !== 200) throw new SdkInvalidRelayResponseError({ check: 'malformed' })
  const response = verifySignedResponse({
    domain: context.domain,
    request: relay.request,
    requestHash: relay.requestHash,
    receivedPayloadHash: hashResponsePayload({ status: 200, body: payload.body }),
    signed: answer,
    reportedUsage: (payload.body as { usage?: ReportedUsage }).usage,
  })
  return { kind: 'json', body: payload.body, response, supplier: supplier.operator }
}

async function openStream(
  context: SdkRelayContext,
  job: SdkRelayJob,
  relay: SignedRelay,
  supplier: SdkSupplier,
  events: AsyncGenerator<SseEvent>,
): Promise<SdkStreamAnswer> {
  const first = await events.next()
  if (first.done || first.value.event !== undefined || first.value.data === '[DONE]')
    throw new Error('the stream did not start with a chunk')
  return {
    kind: 'stream',
    chunks: streamChunks(context, job, relay, first.value, events),
    supplier: supplier.operator,
  }
}

async function* streamChunks(
  context: SdkRelayContext,
  job: SdkRelayJob,
  relay: SignedRelay,
  first: SseEvent,
  events: AsyncGenerator<SseEvent>,
): AsyncGenerator<Record<string, unknown>, RelayResponse> {
  const hasher = createStreamPayloadHasher()
  let usage: ReportedUsage
  let hasDone = false
  for (
    let step: IteratorResult<SseEvent> = { done: false, value: first };
    !step.done;
    step = await events.next()
  ) {
    const { event, data } = step.value
    if (event === 'error') throw new SdkRelayFailedError({ attempts: 1, cause: new Error(data) })
    if (event === 'relay-response') {
      if (!hasDone) break
      const response = verifySignedResponse({
        request: relay.request,
        requestHash: relay.requestHash,
        domain: context.domain,
        receivedPayloadHash: hasher.digest(),
        signed: JSON.parse(data),
        reportedUsage: usage,
      })
      // The trailer is the last event: reading to the end of the response frees its connection for reuse.
      await events.next().catch(() => undefined)
      return response
    }
    if (data === '[DONE]') {
      hasDone = true
      continue
    }
    const chunk = JSON.parse(data) as Record<string, unknown> & { choices?: unknown[]; usage?: typeof usage }
    hasher.update(chunk)
    if (chunk.usage) usage = chunk.usage
    if (chunk.usage && chunk.choices?.length === 0 && !job.shouldForwardUsage) continue
    yield chunk
  }
  throw new SdkInvalidRelayResponseError({ check: hasDone ? 'missing-trailer' : 'stream-cut' })
}

/**
 * The relay URL of a supplier endpoint (`<endpoint>/v1/relay`, or `<endpoint>/relay` when it ends in `/v1`).
 *
 * @param endpoint - the endpoint registered on-chain
 * @returns the URL relays are POSTed to
 * @example
 * relayUrlOf('http://127.0.0.1:8081') // 'http://127.0.0.1:8081/v1/relay'
 */
export function relayUrlOf(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '')
  if (base.endsWith('/relay')) return base
  return base.endsWith('/v1') ? `${base}/relay` : `${base}/v1/relay`
}
