import { logWeightedSum } from './logMath.ts'

/** Per-token rates an auditor bets on when a probe shows violations (filtered to those above the null). */
export const defaultAlternativeRates = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8] as const

/** Inputs of `computeCountEValue`. */
export type ComputeCountEValueParameters = {
  /** Positions checked in this probe. */
  positions: number
  /** Positions that broke the rule (e.g. a returned token the reference ranks below its top by more than τ). */
  violations: number
  /** The largest per-position violation rate an honest supplier has (calibrated on an honest panel). */
  nullRate: number
  /** Rates to bet on; default `defaultAlternativeRates`. */
  alternativeRates?: readonly number[]
}

/**
 * The e-value of one probe's violation count: an equal-weight mixture of Poisson likelihood ratios
 * e = mean_j exp(−n(p_j − p₀))·(p_j/p₀)^v over alternative rates p_j > p₀. If honest violations are
 * independent per position with rate at most p₀ (a binomial or Poisson count), E[e] ≤ 1, because
 * E[(p/p₀)^v] ≤ exp(n·p₀·(p/p₀ − 1)). A probe with no violation gives e < 1 (the supplier earns back
 * trust); a probe written by another model, with most positions violating, gives an astronomically large e.
 *
 * @param parameters - positions, violations, the null rate and the alternatives.
 * @returns the natural log of the e-value.
 * @example
 * computeCountEValue({ positions: 48, violations: 0, nullRate: 0.001 }) < 0 // true
 */
export function computeCountEValue(parameters: ComputeCountEValueParameters): number {
  const { positions, violations, nullRate } = parameters
  if (positions <= 0) return 0
  const rates = (parameters.alternativeRates ?? defaultAlternativeRates).filter((rate) => rate > nullRate)
  if (rates.length === 0) return 0
  const logRatios = rates.map(
    (rate) => -positions * (rate - nullRate) + violations * Math.log(rate / nullRate),
  )
  return logWeightedSum(
    rates.map(() => 1 / rates.length),
    logRatios,
  )
}
