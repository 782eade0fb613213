import { computeCountEValue } from '../decision/computeCountEValue.ts'
import type { IdentityObservation } from '../identity/checkIdentity.ts'

/** The honest per-position rates the identity e-values are computed against (calibrated). */
export type IdentityNullRates = {
  /** Largest honest share of greedy positions violating τ. */
  tokenViolationRate: number
  /** Largest honest share of logprob positions deviating by more than δ. */
  logprobDeviationRate: number
}

/**
 * The identity e-value of one probe: the count e-value of its greedy violations, of its logprob
 * deviations, or their mean when it has both (a mean of e-values is an e-value, so the two methods
 * share one test without splitting α).
 *
 * @param seen - the probe's identity observation.
 * @param rates - the calibrated honest rates.
 * @returns the natural log of the e-value, or undefined when the probe checked nothing.
 * @example
 * identityLogEValue(seen, { tokenViolationRate: 0.001, logprobDeviationRate: 0.002 })
 */
export function identityLogEValue(seen: IdentityObservation, rates: IdentityNullRates): number | undefined {
  const parts: number[] = []
  if (seen.positions > 0)
    parts.push(
      computeCountEValue({
        positions: seen.positions,
        violations: seen.violations,
        nullRate: rates.tokenViolationRate,
      }),
    )
  if (seen.logprobPositions > 0)
    parts.push(
      computeCountEValue({
        positions: seen.logprobPositions,
        violations: seen.logprobDeviations,
        nullRate: rates.logprobDeviationRate,
      }),
    )
  if (parts.length === 0) return undefined
  if (parts.length === 1) return parts[0]
  const high = Math.max(parts[0]!, parts[1]!)
  return high + Math.log((Math.exp(parts[0]! - high) + Math.exp(parts[1]! - high)) / 2)
}

/**
 * The e-value of one yes/no event against "it happens at most `nullRate` of the time": x / p₀.
 * Betting a fraction of wealth on it gives the classic test of a rate (1 + λ'(x − p₀)).
 *
 * @param happened - whether the event happened on this probe.
 * @param nullRate - the largest honest rate, in (0, 1).
 * @returns the natural log of the e-value (−Infinity when it did not happen).
 * @example
 * rateLogEValue(true, 0.1) // Math.log(10)
 */
export function rateLogEValue(happened: boolean, nullRate: number): number {
  return happened ? -Math.log(nullRate) : Number.NEGATIVE_INFINITY
}
