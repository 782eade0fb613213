import type { Hex } from '../../protocol/bytes/bytes.ts'
import { createStreamPayloadHasher } from '../../protocol/relay/createStreamPayloadHasher.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import { BackendFailedError } from '../errors.ts'
import type { MeterReservation } from '../meter/createRelayMeter.ts'
import type { AcknowledgeContext } from './acknowledgeRelay.ts'
import { acknowledgeRelay } from './acknowledgeRelay.ts'
import { createRelayDeadline, type RelayClient } from './createRelayDeadline.ts'
import type { RelayJob } from './createRelayService.ts'
import { finalizeRelay } from './finalizeRelay.ts'
import { type BackendChunk, streamBackend, toRelayBackendError } from './invokeBackend.ts'
import { toErrorBody } from './toErrorBody.ts'

/** What streaming needs from the service. */
export type StreamRelayContext = AcknowledgeContext & { domain: RelayDomain; requestTimeoutMs: number }

/** The event name of the signed trailer, the stream's final event. */
export const RELAY_RESPONSE_EVENT = 'relay-response'

type Stream = {
  iterator: AsyncIterator<BackendChunk>
  signal: AbortSignal
  isTimedOut: () => boolean
  close: () => void
}

/**
 * Starts a streamed relay and waits for the backend's first chunk, so that failures before any output
 * (invalid request, busy, timeout) are still plain HTTP errors. Then returns the SSE frames, produced
 * one by one as the backend yields (nothing is buffered): each chunk as `data: <json>`, then
 * `data: [DONE]`, then the signed trailer `event: relay-response` as the final event, sent only once a
 * mined relay is durable. A failure mid-stream ends it with `event: error` and no trailer.
 *
 * @param context - trees, metrics, domain, timeout
 * @param job - the validated, metered relay
 * @param reservation - its meter reservation (settled or released here)
 * @param done - marks the relay finished for the claimer's drain
 * @param client - the client's signal or controller (fires when the client goes away)
 * @returns the frames
 * @throws the mapped backend error when the stream fails before its first chunk
 * @example
 * const frames = await streamRelay(context, job, reservation, done, { signal: c.req.raw.signal })
 */
export async function streamRelay(
  context: StreamRelayContext,
  job: RelayJob,
  reservation: MeterReservation,
  done: () => void,
  client: RelayClient,
): Promise<RelayFrames> {
  const stream = openStream(context, job, client, done)
  const startedAt = performance.now()
  let first: IteratorResult<BackendChunk>
  try {
    first = await stream.iterator.next()
  } catch (error) {
    reservation.release()
    stream.close()
    throw toRelayBackendError(error, stream.isTimedOut())
  }
  context.metrics.backendTtft.observe({ service: job.labels.service }, (performance.now() - startedAt) / 1000)
  return guardUnstarted(produceFrames(context, job, reservation, stream, first, startedAt), () => {
    reservation.release()
    stream.close()
    void stream.iterator.return?.().catch(() => undefined)
  })
}

/** SSE frames; `return()` ends the stream and releases what it holds, even before the first frame. */
export type RelayFrames = AsyncIterableIterator<string> & { return(): Promise<IteratorResult<string>> }

// A generator that never started ignores return() without running its finally block; the client may
// leave before the first frame is pulled, so the wrapper cleans up in that case.
function guardUnstarted(frames: AsyncGenerator<string, void, undefined>, cleanup: () => void): RelayFrames {
  let isStarted = false
  const wrapper: RelayFrames = {
    next() {
      isStarted = true
      return frames.next()
    },
    async return() {
      if (!isStarted) {
        isStarted = true
        cleanup()
      }
      await frames.return()
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]() {
      return wrapper
    },
  }
  return wrapper
}

function openStream(
  context: StreamRelayContext,
  job: RelayJob,
  client: RelayClient,
  done: () => void,
): Stream {
  const deadline = createRelayDeadline(context.requestTimeoutMs, client)
  let isClosed = false
  return {
    iterator: streamBackend(job.backend, job.call, deadline.signal),
    signal: deadline.signal,
    isTimedOut: deadline.isTimedOut,
    close() {
      if (isClosed) return
      isClosed = true
      // Stops generation when the client left or the stream failed; a no-op after a normal end.
      deadline.clear(true)
      done()
    },
  }
}

async function* produceFrames(
  context: StreamRelayContext,
  job: RelayJob,
  reservation: MeterReservation,
  stream: Stream,
  first: IteratorResult<BackendChunk>,
  startedAt: number,
): AsyncGenerator<string, void, undefined> {
  let isSettled = false
  try {
    const hasher = createStreamPayloadHasher()
    let usage: BackendChunk['usage']
    for (let step = first; !step.done; step = await stream.iterator.next()) {
      const chunk = step.value
      if (chunk.usage) usage = chunk.usage
      // The usage-only chunk (no choices) is metering data; OpenAI sends it only when asked.
      if (chunk.usage && chunk.choices?.length === 0 && !job.call.shouldForwardUsage) continue
      hasher.update(chunk)
      yield `data: ${JSON.stringify(chunk)}\n\n`
    }
    if (!usage) throw new BackendFailedError()
    job.instruments.backendLatency.true.observe((performance.now() - startedAt) / 1000)
    yield 'data: [DONE]\n\n'
    const trailer = await signAndAcknowledge(context, job, hasher.digest(), usage)
    reservation.settle(trailer.computeUnits)
    isSettled = true
    yield `event: ${RELAY_RESPONSE_EVENT}\ndata: ${JSON.stringify(trailer.body)}\n\n`
  } catch (error) {
    const mapped = toRelayBackendError(error, stream.isTimedOut())
    context.metrics.relaysRejected.inc({ reason: mapped.code })
    job.logger.warn({ err: mapped }, 'stream ended with an error')
    yield `event: error\ndata: ${JSON.stringify(toErrorBody(mapped))}\n\n`
  } finally {
    if (!isSettled) reservation.release()
    stream.close()
    await stream.iterator.return?.().catch(() => undefined)
  }
}

async function signAndAcknowledge(
  context: StreamRelayContext,
  job: RelayJob,
  payloadHash: Hex,
  usage: NonNullable<BackendChunk['usage']>,
) {
  const relay = finalizeRelay({
    domain: context.domain,
    request: job.envelope.request,
    requestSignature: job.envelope.requestSignature,
    requestDigest: job.verified.requestDigest,
    payloadHash,
    usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens },
    session: job.verified.session,
    operatorKey: job.operatorKey.reveal(),
  })
  await acknowledgeRelay(context, job, relay, 'true')
  return {
    computeUnits: relay.computeUnits,
    body: { response: relay.response, responseSignature: relay.responseSignature },
  }
}
