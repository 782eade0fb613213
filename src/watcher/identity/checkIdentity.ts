import type { ScoreTokensReturnType, TokenLogprob } from '../../inference/index.ts'
import { computeLogprobDeviations } from './computeLogprobDeviations.ts'
import { computeTokenMargins, type Penalties } from './computeTokenMargins.ts'

/** Tolerances calibrated on honest servers (docs/watcher.md, "Calibration"). */
export type IdentityTolerances = {
  /** τ: a returned token ranking more than this many nats below the reference's best is a violation. */
  marginNats: number
  /** δ: a returned logprob further than this from the reference's is a deviation. */
  logprobNats: number
}

/** What one probe says about the model behind a supplier. */
export type IdentityObservation = {
  /** `greedy` probes (temperature 0) are checked token by token; sampled ones only through logprobs. */
  mode: 'greedy' | 'sampled'
  /** Positions checked against the reference's argmax (0 for sampled probes). */
  positions: number
  /** Positions whose token ranks more than τ below the reference's best. */
  violations: number
  /** The largest margin seen, in nats (0 when none was checked). */
  maxMarginNats: number
  /** Positions whose returned logprob could be compared (0 when none was returned). */
  logprobPositions: number
  /** Compared positions whose logprob is more than δ away from the reference's. */
  logprobDeviations: number
  maxLogprobDeviationNats: number
}

/** Inputs of `checkIdentity`. */
export type CheckIdentityParameters = {
  /** The probe's temperature (OpenAI's default is 1) and penalties. */
  temperature: number
  penalties: Penalties
  /** The reference's teacher-forced score of the returned content (with top alternatives). */
  score: ScoreTokensReturnType
  /** The supplier's per-token logprobs, when the probe asked for them. */
  logprobs: readonly TokenLogprob[] | undefined
  tolerances: IdentityTolerances
}

/**
 * Compares one answer with the reference model (verification.md, methods M1 and M2). Greedy answers
 * must follow the reference's argmax up to τ at every position; returned logprobs must match the
 * reference's up to δ at any temperature, since they are logprobs of the raw distribution.
 *
 * @param parameters - the probe's sampling settings, the reference's score, the returned logprobs, τ and δ.
 * @returns counts for the sequential test.
 * @example
 * const seen = checkIdentity({ temperature: 0, penalties, score, logprobs: undefined, tolerances })
 * seen.violations // 0 for an honest supplier
 */
export function checkIdentity(parameters: CheckIdentityParameters): IdentityObservation {
  const { score, tolerances } = parameters
  const isGreedy = parameters.temperature === 0
  const margins = isGreedy ? computeTokenMargins(score.tokens, parameters.penalties) : []
  const deviations = computeLogprobDeviations(score, parameters.logprobs)
  return {
    mode: isGreedy ? 'greedy' : 'sampled',
    positions: margins.length,
    violations: margins.filter((margin) => margin > tolerances.marginNats).length,
    maxMarginNats: Math.max(0, ...margins),
    logprobPositions: deviations.length,
    logprobDeviations: deviations.filter((deviation) => deviation > tolerances.logprobNats).length,
    maxLogprobDeviationNats: Math.max(0, ...deviations),
  }
}
