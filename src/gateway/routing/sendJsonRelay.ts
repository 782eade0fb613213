import { addRelay, emptyAccounting, type RelayAccounting } from './accountRelay.ts'
import { createCandidatePlan } from './createCandidatePlan.ts'
import { raceAttempts } from './raceAttempts.ts'
import { runJsonAttempt } from './runJsonAttempt.ts'
import type { RelayJob, RouterContext } from './types.ts'

/** A verified non-streaming answer and what it cost. */
export type JsonRelayResult = { body: unknown; accounting: RelayAccounting }

/**
 * Sends a non-streaming relay with retries on another supplier when one fails. Not hedged: an LLM's
 * non-streaming latency grows with the answer's length, so a fixed hedge delay would duplicate most
 * long answers (streams are hedged on their first chunk instead, which is short and predictable).
 *
 * @param context - the router context
 * @param job - the relay job
 * @returns the OpenAI body and the accounting of the verified relay
 * @throws the errors of `raceAttempts` and `createCandidatePlan`
 * @example
 * const { body, accounting } = await sendJsonRelay(context, job)
 */
export async function sendJsonRelay(context: RouterContext, job: RelayJob): Promise<JsonRelayResult> {
  const plan = await createCandidatePlan(context, job.serviceId)
  const { value, attempt } = await raceAttempts({
    context,
    job,
    plan,
    run: (candidate) => runJsonAttempt(context, job, candidate),
    hedgeDelayMs: 0,
    timeoutMs: context.routing.requestTimeoutMs,
    maxAttempts: context.routing.maxAttempts,
  })
  attempt.release()
  context.scores.recordSuccess(attempt.candidate.supplier.operator, {
    ttftMs: context.nowMs() - attempt.startedAtMs,
  })
  const accounting = addRelay(
    emptyAccounting(),
    attempt.candidate.session,
    value.response,
    attempt.relay.request,
  )
  return { body: value.body, accounting }
}
