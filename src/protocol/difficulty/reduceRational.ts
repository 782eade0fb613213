import type { Rational } from './types.ts'

/**
 * `numerator / denominator` in lowest terms (internal). Reduced form makes equal values compare equal
 * (`{2, 1}` rather than `{2^256 − 1, 2^255 − 0.5…}`) and keeps later products small.
 *
 * @param numerator - ≥ 0.
 * @param denominator - > 0.
 * @returns The reduced rational.
 *
 * @example
 * reduceRational(6n, 4n) // { numerator: 3n, denominator: 2n }
 */
export function reduceRational(numerator: bigint, denominator: bigint): Rational {
  let a = numerator
  let b = denominator
  while (b !== 0n) [a, b] = [b, a % b]
  return { numerator: numerator / a, denominator: denominator / a }
}
