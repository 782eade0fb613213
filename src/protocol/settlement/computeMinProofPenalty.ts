import { SettlementInvalidParamsError } from './errors.ts'
import type { Rational } from './types.ts'
import { assertNonNegative, assertRational } from './validate.ts'

export type ComputeMinProofPenaltyParameters = {
  /** The proof-requirement threshold R: the most a claim can be worth without always needing a proof. */
  threshold: bigint
  /** The probability p that a claim below R needs a proof; must be > 0. */
  probability: Rational
}
export type ComputeMinProofPenaltyReturnType = bigint
export type ComputeMinProofPenaltyErrorType = SettlementInvalidParamsError

/**
 * The smallest slash for a missing or invalid required proof that makes claiming without a proof never pay
 * (spec §7.5): `ceil(R · (1 − p) / p)`. A claim worth v < R without a proof pays v with probability 1 − p
 * and costs the penalty S with probability p; `(1 − p)·v − p·S ≤ 0` for every v ≤ R iff `S ≥ R·(1 − p)/p`.
 * Rounded up so the inequality survives integer base units.
 *
 * @param parameters - The threshold R (token base units) and the probability p.
 * @returns The minimum penalty in token base units; the supplier's minimum stake must be at least this.
 *
 * @example
 * computeMinProofPenalty({ threshold: 10_000_000n, probability: { numerator: 1n, denominator: 4n } })
 * // 30_000_000n
 */
export function computeMinProofPenalty({
  threshold,
  probability,
}: ComputeMinProofPenaltyParameters): ComputeMinProofPenaltyReturnType {
  assertNonNegative('threshold', threshold)
  assertRational('probability', probability, true)
  if (probability.numerator === 0n)
    throw new SettlementInvalidParamsError({
      field: 'probability',
      reason: 'p = 0 needs an infinite penalty',
    })
  const { numerator, denominator } = probability
  const scaled = threshold * (denominator - numerator)
  return (scaled + numerator - 1n) / numerator
}
