/**
 * log(a + b) from log a and log b without overflow: e-values grow past 1e308 quickly (one probe served
 * by another model can carry a likelihood ratio of 10^100), so every e-process lives in log space.
 *
 * @param logA - natural log of a (may be −Infinity for a = 0).
 * @param logB - natural log of b.
 * @returns natural log of a + b.
 * @example
 * logAddExp(Math.log(2), Math.log(3)) // Math.log(5)
 */
export function logAddExp(logA: number, logB: number): number {
  if (logA === Number.NEGATIVE_INFINITY) return logB
  if (logB === Number.NEGATIVE_INFINITY) return logA
  const high = Math.max(logA, logB)
  return high + Math.log1p(Math.exp(Math.min(logA, logB) - high))
}

/**
 * log(Σ w_i x_i) from weights and log x_i.
 *
 * @param weights - non-negative weights.
 * @param logValues - natural logs of the values, same length.
 * @returns natural log of the weighted sum.
 * @example
 * logWeightedSum([0.5, 0.5], [0, Math.log(3)]) // Math.log(2)
 */
export function logWeightedSum(weights: readonly number[], logValues: readonly number[]): number {
  let total = Number.NEGATIVE_INFINITY
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i]!
    if (weight > 0) total = logAddExp(total, Math.log(weight) + logValues[i]!)
  }
  return total
}
