import type { Hex } from '../bytes/bytes.ts'
import { computeProofSample } from './computeProofSample.ts'
import type { SettlementInvalidParamsError } from './errors.ts'
import type { Rational } from './types.ts'
import { assertNonNegative, assertRational } from './validate.ts'

export type IsProofRequiredParameters = {
  /** The claim's value (`computeClaimTokens`), before the over-servicing cap. */
  claimTokens: bigint
  /** Claims worth this much or more always need a proof. */
  threshold: bigint
  /** Probability that a claim below the threshold needs one, in [0, 1]. */
  probability: Rational
  claimHash: Hex
  proofSeed: Hex
}
export type IsProofRequiredReturnType = boolean
export type IsProofRequiredErrorType = SettlementInvalidParamsError

const TWO_POW_64 = 2n ** 64n

/**
 * Whether a claim must be backed by a proof (spec §7.5): always when `claimTokens ≥ threshold`, otherwise
 * iff `sample · p_den < p_num · 2^64`, which holds for exactly `p · 2^64` of the 2^64 samples.
 *
 * @param parameters - The claim's value, the threshold, the probability and the hashes the sample comes from.
 * @returns `true` when a missing or invalid proof must be penalised.
 *
 * @example
 * isProofRequired({
 *   claimTokens: 5_000_000n, threshold: 10_000_000n, probability: { numerator: 1n, denominator: 4n },
 *   claimHash, proofSeed,
 * }) // true for about one claim in four
 */
export function isProofRequired({
  claimTokens,
  threshold,
  probability,
  claimHash,
  proofSeed,
}: IsProofRequiredParameters): IsProofRequiredReturnType {
  assertNonNegative('claimTokens', claimTokens)
  assertNonNegative('threshold', threshold)
  assertRational('probability', probability, true)
  // the sample is drawn (and the hashes validated) even above the threshold, so bad inputs always throw
  const sample = computeProofSample({ claimHash, proofSeed })
  if (claimTokens >= threshold) return true
  return sample * probability.denominator < probability.numerator * TWO_POW_64
}
