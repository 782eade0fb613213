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

// Honest re-counts differ from the billed count by small amounts either way (a longer spelling of the
// same text, a token cut at a UTF-8 boundary), so over the answers where they differ at all, billing
// more is at most as likely as billing less.
const honestOverbillingShare = 0.5

/**
 * The e-value of one probe in the one-sided sign test of systematic over-billing: over the answers whose
 * billed completion tokens differ from the re-count, an honest supplier bills more at most half the
 * time, so a probe that bills more has e = 2 and one that bills less e = 0. Answers billed exactly say
 * nothing and are skipped. A constant +1 or +2 per answer stays under any per-answer tolerance, yet
 * every such answer counts here.
 *
 * @param completionExcess - billed − re-counted completion tokens of one answer.
 * @returns the natural log of the e-value, or undefined when the answer was billed exactly.
 * @example
 * overbillingLogEValue(2) // Math.log(2)
 */
export function overbillingLogEValue(completionExcess: number): number | undefined {
  if (completionExcess === 0) return undefined
  return rateLogEValue(completionExcess > 0, honestOverbillingShare)
}
