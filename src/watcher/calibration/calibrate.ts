import { InvalidCalibrationError } from '../errors.ts'

/**
 * The one-sided Clopper–Pearson upper confidence bound of a rate: the largest p for which seeing at
 * most `events` in `trials` still has probability ≥ 1 − confidence. With 0 events it is
 * 1 − (1 − confidence)^(1/trials) (≈ 3/trials at 95 %, the "rule of three").
 *
 * @param events - how often the event happened.
 * @param trials - how many chances it had (> 0).
 * @param confidence - e.g. 0.95.
 * @returns the upper bound, in (0, 1].
 * @example
 * clopperPearsonUpper(0, 300, 0.95) // ≈ 0.00994
 */
export function clopperPearsonUpper(events: number, trials: number, confidence = 0.95): number {
  if (trials <= 0 || events < 0 || events > trials)
    throw new InvalidCalibrationError({ reason: `cannot bound ${events} events in ${trials} trials` })
  if (events === trials) return 1
  const tail = 1 - confidence
  if (events === 0) return 1 - tail ** (1 / trials)
  let low = events / trials
  let high = 1
  // P(X ≤ events) falls as p grows: bisect for the p where it equals the tail.
  for (let i = 0; i < 100; i++) {
    const middle = (low + high) / 2
    if (binomialCdf(events, trials, middle) > tail) low = middle
    else high = middle
  }
  return high
}

// P(X ≤ k) for X ~ Binomial(n, p), summed in log space so large n does not underflow.
function binomialCdf(k: number, n: number, p: number): number {
  let logTerm = n * Math.log1p(-p)
  let total = Math.exp(logTerm)
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i) + Math.log(p) - Math.log1p(-p)
    total += Math.exp(logTerm)
  }
  return Math.min(1, total)
}

/** How a tolerance is set from honest differences. */
export type ToleranceRule = {
  /** The honest quantile to cover, e.g. 0.999. */
  quantile: number
  /** Multiplier on that quantile, for honest configurations the panel did not include. */
  safetyFactor: number
  /** The smallest tolerance allowed, in nats. */
  floorNats: number
}

/**
 * A tolerance (τ or δ, in nats) from the differences seen between honest configurations: a high
 * quantile times a safety factor, never below a floor.
 *
 * @param honestValues - per-position differences (margins of honest tokens, or |Δ logprob|).
 * @param rule - quantile, factor, floor.
 * @returns the tolerance.
 * @throws {InvalidCalibrationError} with no values or a non-positive rule.
 * @example
 * calibrateTolerance(deltas, { quantile: 0.999, safetyFactor: 10, floorNats: 0.005 })
 */
export function calibrateTolerance(honestValues: readonly number[], rule: ToleranceRule): number {
  if (honestValues.length === 0) throw new InvalidCalibrationError({ reason: 'no honest values' })
  if (!(rule.safetyFactor > 0 && rule.floorNats > 0 && rule.quantile > 0 && rule.quantile <= 1))
    throw new InvalidCalibrationError({ reason: 'the tolerance rule must be positive' })
  const sorted = [...honestValues].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.ceil(rule.quantile * sorted.length) - 1)
  return Math.max(rule.floorNats, sorted[Math.max(0, index)]! * rule.safetyFactor)
}

/**
 * The honest rate an e-value is computed against: the 95 % upper bound of the rate seen on the honest
 * panel, never below a floor (the panel cannot contain every honest machine).
 *
 * @param events - honest positions (or probes) that crossed the tolerance.
 * @param trials - honest positions (or probes) checked.
 * @param floor - the smallest rate allowed, in (0, 1).
 * @returns the null rate.
 * @example
 * calibrateNullRate(0, 20_000, 0.001) // 0.001
 */
export function calibrateNullRate(events: number, trials: number, floor: number): number {
  if (!(floor > 0 && floor < 1)) throw new InvalidCalibrationError({ reason: 'the floor must be in (0, 1)' })
  return Math.max(floor, clopperPearsonUpper(events, trials, 0.95))
}
