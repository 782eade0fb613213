import { BaseError } from '../../protocol/errors/BaseError.ts'
import {
  InvalidGatewayRequestError,
  NoSupplierError,
  SupplierErrorResponse,
  SupplierFailedError,
  SupplierTimeoutError,
  UnsupportedEndpointError,
} from '../errors.ts'
import { buildRelayEnvelope } from '../relay/buildRelayEnvelope.ts'
import { classifyFailure, type FailureClass, isRetryable } from './classifyFailure.ts'
import type { CandidatePlan } from './createCandidatePlan.ts'
import type { Attempt, AttemptKind, Candidate, RelayJob, RouterContext } from './types.ts'

/** The attempt that produced a first byte, and what it produced. */
export type WonAttempt<T> = { value: T; attempt: Attempt }

export type RaceAttemptsParameters<T> = {
  context: RouterContext
  job: RelayJob
  plan: CandidatePlan
  /** Runs one attempt up to its first byte; throws to fail it. */
  run: (attempt: Attempt) => Promise<T>
  /** Hedge after this long without a first byte (0 = never). */
  hedgeDelayMs: number
  /** Give up when no attempt produced a first byte by then. */
  timeoutMs: number
  maxAttempts: number
}

/**
 * Runs attempts until one produces its first byte: the first candidate at once, the next one when an
 * attempt fails with a retryable class (retry), or when none has answered within `hedgeDelayMs`
 * (hedge; both race and the first to answer wins). Losers are aborted before they stream, so a
 * supplier is never paid for a relay whose answer was thrown away after its first byte. Every failure
 * is scored; a client-class failure ends the race at once (another supplier would fail the same way).
 *
 * @param parameters - context, job, plan, attempt runner, hedge delay, timeout, attempt cap
 * @returns the winning attempt and its value
 * @throws the client error, {SupplierTimeoutError}, {SupplierFailedError}, {NoSupplierError}, or
 *   {UnsupportedEndpointError} when every supplier lacked the operation
 * @example
 * const { value, attempt } = await raceAttempts({ context, job, plan, run: runJsonAttempt, hedgeDelayMs: 0, timeoutMs, maxAttempts: 3 })
 */
export function raceAttempts<T>(parameters: RaceAttemptsParameters<T>): Promise<WonAttempt<T>> {
  const { context, job, plan } = parameters
  return new Promise((resolve, reject) => {
    const inFlight = new Set<Attempt>()
    const failures: FailureClass[] = []
    let launched = 0
    let lastError: unknown
    let isSettled = false
    let hedgeTimer: NodeJS.Timeout | undefined
    const settle = (outcome: () => void) => {
      if (isSettled) return
      isSettled = true
      clearTimeout(deadline)
      clearTimeout(hedgeTimer)
      job.signal.removeEventListener('abort', onClientGone)
      outcome()
    }
    const abortAll = (except?: Attempt) => {
      for (const attempt of inFlight) {
        if (attempt === except) continue
        attempt.controller.abort()
        attempt.release()
        context.metrics.attempts.inc({ kind: attempt.kind, outcome: 'aborted' })
      }
      inFlight.clear()
    }
    const scheduleHedge = () => {
      clearTimeout(hedgeTimer)
      if (parameters.hedgeDelayMs > 0) hedgeTimer = setTimeout(() => launch('hedge'), parameters.hedgeDelayMs)
    }
    const launch = (kind: AttemptKind): boolean => {
      if (isSettled || launched >= parameters.maxAttempts) return false
      const candidate = plan.next()
      if (!candidate) return false
      launched++
      const attempt = startAttempt(context, job, candidate, kind)
      plan.markTried(candidate)
      inFlight.add(attempt)
      scheduleHedge()
      parameters.run(attempt).then(
        (value) => onWin(attempt, value),
        (error: unknown) => onLose(attempt, error),
      )
      return true
    }
    const onWin = (attempt: Attempt, value: T) => {
      if (isSettled) return
      inFlight.delete(attempt)
      context.metrics.attempts.inc({ kind: attempt.kind, outcome: 'success' })
      settle(() => {
        abortAll(attempt)
        resolve({ value, attempt })
      })
    }
    const onLose = (attempt: Attempt, error: unknown) => {
      attempt.release()
      if (isSettled || !inFlight.delete(attempt)) return
      const failure = classifyFailure(error)
      failures.push(failure)
      lastError = error
      recordFailure(context, job, attempt, failure, error)
      plan.markTried(attempt.candidate, failure)
      if (!isRetryable(failure))
        return settle(() => {
          abortAll()
          reject(toClientError(error))
        })
      if (!launch('retry') && inFlight.size === 0)
        settle(() => reject(finalError(failures, launched, lastError)))
    }
    const onClientGone = () =>
      settle(() => {
        abortAll()
        reject(job.signal.reason)
      })
    const deadline = setTimeout(
      () =>
        settle(() => {
          abortAll()
          reject(new SupplierTimeoutError({ timeoutMs: parameters.timeoutMs }))
        }),
      parameters.timeoutMs,
    )
    job.signal.addEventListener('abort', onClientGone, { once: true })
    if (job.signal.aborted) return onClientGone()
    if (!launch('first')) settle(() => reject(new NoSupplierError({ serviceId: job.serviceId })))
  })
}

function startAttempt(
  context: RouterContext,
  job: RelayJob,
  candidate: Candidate,
  kind: AttemptKind,
): Attempt {
  const { application, session, supplier } = candidate
  const relay = buildRelayEnvelope({
    domain: context.ledgerInfo.domain,
    header: session.header,
    supplier: supplier.operator,
    payload: job.payload,
    maxInputTokens: job.maxInputTokens,
    maxOutputTokens: job.maxOutputTokens,
    signerKey: application.signerKey.reveal(),
  })
  return {
    candidate,
    relay,
    kind,
    controller: new AbortController(),
    startedAtMs: context.nowMs(),
    release: context.scores.begin(supplier.operator),
  }
}

function recordFailure(
  context: RouterContext,
  job: RelayJob,
  attempt: Attempt,
  failure: FailureClass,
  error: unknown,
) {
  const { supplier, session } = attempt.candidate
  context.scores.recordFailure(supplier.operator, failure)
  context.metrics.attempts.inc({ kind: attempt.kind, outcome: 'failure' })
  context.metrics.errors.inc({ class: failure })
  const code =
    error instanceof SupplierErrorResponse
      ? error.supplierCode
      : error instanceof BaseError
        ? error.code
        : undefined
  job.logger.info(
    { supplier: supplier.operator, sessionNumber: session.sessionNumber.toString(), failure, code },
    'relay attempt failed',
  )
  if (error instanceof SupplierErrorResponse && error.supplierCode === 'RELAYMINER_SESSION_MISMATCH')
    context.sessions.invalidate(
      {
        application: attempt.candidate.application.address,
        serviceId: job.serviceId,
        signer: attempt.candidate.application.signerAddress,
      },
      session.sessionNumber,
    )
}

function toClientError(error: unknown): BaseError {
  if (error instanceof BaseError) return error
  // A supplier's message is untrusted text: shown truncated, after the gateway's own prefix.
  const message =
    error instanceof Error ? error.message.slice(0, 300).replace(/\.$/, '') : 'rejected by the model'
  const isOverflow =
    error instanceof SupplierErrorResponse && error.supplierCode === 'INFERENCE_CONTEXT_OVERFLOW'
  return new InvalidGatewayRequestError({
    param: isOverflow ? 'messages' : null,
    reason: isOverflow ? `do not fit the model's context (${message})` : message,
    ...(isOverflow ? { openaiCode: 'context_length_exceeded' } : {}),
  })
}

function finalError(failures: readonly FailureClass[], attempts: number, cause: unknown): BaseError {
  if (failures.length > 0 && failures.every((failure) => failure === 'unsupported'))
    return new UnsupportedEndpointError({ endpoint: 'this endpoint' })
  return new SupplierFailedError({ attempts, cause })
}
