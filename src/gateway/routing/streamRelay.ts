import type { Hex } from '../../protocol/bytes/bytes.ts'
import { StreamInterruptedError } from '../errors.ts'
import { addRelay, emptyAccounting, type RelayAccounting } from './accountRelay.ts'
import { buildContinuationPayload, type ClientView } from './continuation.ts'
import { createCandidatePlan } from './createCandidatePlan.ts'
import { createStreamTracker, type StreamTracker } from './createStreamTracker.ts'
import { type OpenStream, openStreamAttempt, type StreamChunk } from './openStreamAttempt.ts'
import { type PumpOutcome, pumpStream } from './pumpStream.ts'
import { raceAttempts, type WonAttempt } from './raceAttempts.ts'
import type { RelayJob, RouterContext } from './types.ts'

// The reason the winning attempt is aborted with once the client's stream is over: made once, because a
// DOMException per stream (its stack captured) showed in the gateway's CPU profile.
const streamFinished = new DOMException('the client stream is finished', 'AbortError')

/** A stream that has produced its first chunk. */
export type StreamRelay = {
  /** Client-facing chunks; ends normally, or throws `StreamInterruptedError` after the last good chunk. */
  chunks: AsyncGenerator<StreamChunk, void, undefined>
  /** Resolves once the stream is over, however it ended, with what the verified relays cost. */
  accounting: Promise<RelayAccounting>
}

type Segment = { won: WonAttempt<OpenStream>; kind: 'chat' | 'completion'; job: RelayJob }

/**
 * Starts a streaming relay: races suppliers to a first chunk (retries and hedging, nothing sent to
 * the client yet), then streams. When a supplier's stream breaks before the answer is finished, the
 * rest is requested from another supplier as a continuation (see `buildContinuationPayload`) and its
 * chunks are sent under the same id, so the client sees one uninterrupted stream. Only when no
 * supplier can continue does the stream end with an error, never with a clean `[DONE]`.
 *
 * @param context - the router context
 * @param job - the relay job (payload already shaped for suppliers)
 * @param view - the client's request, to shape chunks back
 * @returns the stream, once its first chunk is in
 * @throws the errors of `raceAttempts` and `createCandidatePlan` before the first chunk
 * @example
 * const { chunks, accounting } = await startStreamRelay(context, job, view)
 * for await (const chunk of chunks) send(chunk)
 */
export async function startStreamRelay(
  context: RouterContext,
  job: RelayJob,
  view: ClientView,
): Promise<StreamRelay> {
  const won = await openSegment(context, job, new Set())
  let resolveAccounting!: (account: RelayAccounting) => void
  const accounting = new Promise<RelayAccounting>((resolve) => {
    resolveAccounting = resolve
  })
  const tracker = createStreamTracker(
    view,
    `${view.kind === 'chat' ? 'chatcmpl' : 'cmpl'}-${job.requestId}`,
    Math.floor(context.nowMs() / 1000),
  )
  const chunks = runSegments(context, view, tracker, { won, kind: view.kind, job }, resolveAccounting)
  return { chunks, accounting }
}

async function openSegment(context: RouterContext, job: RelayJob, excluded: ReadonlySet<Hex>) {
  const plan = await createCandidatePlan(context, job.serviceId, excluded)
  return raceAttempts({
    context,
    job,
    plan,
    run: (attempt) => openStreamAttempt(context, job, attempt),
    hedgeDelayMs: context.routing.hedgeDelayMs,
    timeoutMs: context.routing.firstByteTimeoutMs,
    maxAttempts: context.routing.maxAttempts,
  })
}

async function* runSegments(
  context: RouterContext,
  view: ClientView,
  tracker: StreamTracker,
  first: Segment,
  resolveAccounting: (account: RelayAccounting) => void,
): AsyncGenerator<StreamChunk, void, undefined> {
  const account = emptyAccounting()
  const broken = new Set<Hex>()
  let segment = first
  let continuations = 0
  try {
    for (;;) {
      const outcome = yield* pumpSegment(context, view, tracker, segment)
      const { attempt } = segment.won
      const operator = attempt.candidate.supplier.operator
      if (outcome.kind === 'verified') {
        addRelay(account, attempt.candidate.session, outcome.response, attempt.relay.request)
        break
      }
      context.scores.recordFailure(operator, outcome.kind === 'unverified' ? 'integrity' : 'stream_broken')
      context.metrics.errors.inc({ class: outcome.kind === 'unverified' ? 'integrity' : 'stream_broken' })
      segment.job.logger.warn(
        { supplier: operator, outcome: outcome.kind, err: outcome.error },
        'supplier stream did not end cleanly',
      )
      // An answer whose finish_reason already arrived is complete; only the bookkeeping after it was lost.
      if (outcome.kind === 'unverified' || tracker.finishReason !== null) break
      broken.add(operator)
      if (
        continuations >= context.routing.maxContinuations ||
        context.routing.continuation === 'none' ||
        tracker.hasToolCalls
      ) {
        context.metrics.continuations.inc({ outcome: 'failed' })
        throw new StreamInterruptedError({ cause: outcome.error })
      }
      segment = await continueSegment(context, view, tracker, first.job, broken).catch((cause: unknown) => {
        context.metrics.continuations.inc({ outcome: 'failed' })
        throw new StreamInterruptedError({ cause })
      })
      continuations++
      context.metrics.continuations.inc({ outcome: 'resumed' })
    }
    if (view.includeUsage) yield tracker.usageChunk()
  } finally {
    segment.won.attempt.controller.abort(streamFinished)
    segment.won.attempt.release()
    resolveAccounting(account)
  }
}

async function* pumpSegment(
  context: RouterContext,
  view: ClientView,
  tracker: StreamTracker,
  segment: Segment,
): AsyncGenerator<StreamChunk, PumpOutcome, undefined> {
  const { attempt, value: open } = segment.won
  const pump = pumpStream(context, attempt, open, context.routing.streamIdleTimeoutMs)
  let firstTokenAtMs: number | undefined
  let tokens = 0
  let step = await pump.next()
  while (!step.done) {
    const before = tracker.emittedTokens
    const shaped = tracker.accept(step.value, segment.kind)
    if (tracker.emittedTokens > before) {
      tokens++
      if (firstTokenAtMs === undefined) {
        firstTokenAtMs = context.nowMs()
        if (before === 0)
          context.metrics.ttft.observe(
            { model: view.model },
            (firstTokenAtMs - segment.job.startedAtMs) / 1000,
          )
      }
    }
    if (shaped) yield shaped
    step = await pump.next()
  }
  if (step.value.kind === 'verified') {
    const ttftMs = (firstTokenAtMs ?? context.nowMs()) - attempt.startedAtMs
    const tpotMs =
      firstTokenAtMs !== undefined && tokens > 1
        ? (context.nowMs() - firstTokenAtMs) / (tokens - 1)
        : undefined
    context.scores.recordSuccess(attempt.candidate.supplier.operator, { ttftMs, tpotMs })
    if (tpotMs !== undefined) context.metrics.tpot.observe({ model: view.model }, tpotMs / 1000)
  }
  return step.value
}

async function continueSegment(
  context: RouterContext,
  view: ClientView,
  tracker: StreamTracker,
  job: RelayJob,
  broken: ReadonlySet<Hex>,
): Promise<Segment> {
  const remaining = Math.max(1, job.maxOutputTokens - tracker.emittedTokens)
  const payload = buildContinuationPayload(view, job.serviceId, tracker.text, remaining)
  const grownInput = job.maxInputTokens + Buffer.byteLength(tracker.text, 'utf8') + 16
  const continuationJob: RelayJob = {
    ...job,
    payload,
    maxOutputTokens: remaining,
    maxInputTokens: Math.min(grownInput, 0xffff_ffff),
  }
  job.logger.info(
    { sentTokens: tracker.emittedTokens, remaining },
    'resuming a broken stream on another supplier',
  )
  const won = await openSegment(context, continuationJob, broken)
  tracker.beginSegment()
  return { won, kind: 'completion', job: continuationJob }
}
