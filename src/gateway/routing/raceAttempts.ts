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
  return new Promise((resolve, reject) => new AttemptRace(parameters, resolve, reject).start())
}

// One race: its state and the transitions between launching, winning, losing and giving up. Every
// outcome goes through settle(), which runs at most once and clears the timers.
class AttemptRace<T> {
  private readonly inFlight = new Set<Attempt>()
  private readonly failures: FailureClass[] = []
  private launched = 0
  /** Attempts refused for a session mismatch: they do not count against `maxAttempts`. */
  private sessionRefusals = 0
  private lastError: unknown
  private isSettled = false
  private hedgeTimer: NodeJS.Timeout | undefined
  private deadline: NodeJS.Timeout | undefined
  private stopWatchingClient: (() => void) | undefined
  private readonly onClientGone = () => this.fail(this.parameters.job.signal.reason)

  constructor(
    private readonly parameters: RaceAttemptsParameters<T>,
    private readonly resolve: (won: WonAttempt<T>) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  start(): void {
    const { job, timeoutMs } = this.parameters
    this.deadline = setTimeout(() => this.fail(new SupplierTimeoutError({ timeoutMs })), timeoutMs)
    if (job.signal.aborted) this.onClientGone()
    else {
      this.stopWatchingClient = job.signal.watch(this.onClientGone)
      if (!this.launch('first')) this.fail(new NoSupplierError({ serviceId: job.serviceId }))
    }
  }

  private launch(kind: AttemptKind): boolean {
    const { context, job, plan, maxAttempts } = this.parameters
    if (this.isSettled || this.launched - this.sessionRefusals >= maxAttempts) return false
    const candidate = plan.next()
    if (!candidate) return false
    this.launched++
    const attempt = startAttempt(context, job, candidate, kind)
    plan.markTried(candidate)
    this.inFlight.add(attempt)
    this.scheduleHedge()
    this.parameters.run(attempt).then(
      (value) => this.win(attempt, value),
      (error: unknown) => this.lose(attempt, error),
    )
    return true
  }

  private scheduleHedge(): void {
    clearTimeout(this.hedgeTimer)
    const { hedgeDelayMs } = this.parameters
    if (hedgeDelayMs > 0) this.hedgeTimer = setTimeout(() => this.launch('hedge'), hedgeDelayMs)
  }

  private win(attempt: Attempt, value: T): void {
    if (this.isSettled) return
    this.inFlight.delete(attempt)
    this.parameters.context.metrics.attempts.inc({ kind: attempt.kind, outcome: 'success' })
    this.scoreOutrun(attempt)
    this.settle()
    this.abortAll()
    this.resolve({ value, attempt })
  }

  private lose(attempt: Attempt, error: unknown): void {
    attempt.release()
    if (this.isSettled || !this.inFlight.delete(attempt)) return
    const failure = classifyFailure(error)
    this.failures.push(failure)
    if (failure === 'session') this.sessionRefusals++
    this.lastError = error
    recordFailure(this.parameters.context, this.parameters.job, attempt, failure, error)
    this.parameters.plan.markTried(attempt.candidate, failure)
    if (!isRetryable(failure)) this.fail(toClientError(error))
    else if (!this.launch('retry') && this.inFlight.size === 0)
      this.fail(finalError(this.failures, this.launched, this.lastError))
  }

  // An attempt that started before the winner and still had nothing to show was outrun by a hedge: it
  // is scored as a timeout, else a supplier that silently hangs (a host cut off the network) would never
  // lose standing, since its attempts are always aborted rather than failed.
  private scoreOutrun(winner: Attempt): void {
    for (const attempt of this.inFlight)
      if (attempt.startedAtMs < winner.startedAtMs)
        this.parameters.context.scores.recordFailure(attempt.candidate.supplier.operator, 'timeout')
  }

  private fail(error: unknown): void {
    if (this.isSettled) return
    this.settle()
    this.abortAll()
    this.reject(error)
  }

  private settle(): void {
    this.isSettled = true
    clearTimeout(this.deadline)
    clearTimeout(this.hedgeTimer)
    this.stopWatchingClient?.()
  }

  // Losers are aborted before they stream, so no supplier is paid for an answer that is thrown away.
  private abortAll(): void {
    for (const attempt of this.inFlight) {
      attempt.controller.abort()
      attempt.release()
      this.parameters.context.metrics.attempts.inc({ kind: attempt.kind, outcome: 'aborted' })
    }
    this.inFlight.clear()
  }
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
