import type { Hex } from '../bytes/bytes.ts'
import { SettlementInvalidParamsError } from './errors.ts'
import { toDifficultyTarget } from './toDifficultyTarget.ts'
import type { Rational } from './types.ts'
import { assertNonNegative, assertRational, MAX_UINT256 } from './validate.ts'

export type ComputeClaimTokensParameters = {
  /** The claim root's sum: compute units of the mined relays. */
  claimedComputeUnits: bigint
  /** The service's relay-mining target at the session start. */
  difficultyTarget: Hex | bigint
  /** Token base units per compute unit, at the session start. */
  cuToToken: Rational
}
export type ComputeClaimTokensReturnType = bigint
export type ComputeClaimTokensErrorType = SettlementInvalidParamsError

/**
 * The token value of a claim (spec §7.2): `floor(sum × (B / target) × num / den)` with `B = 2^256 − 1`,
 * in exact integers with one floor at the end. Mined relays are a 1/multiplier sample of all relays, so
 * scaling by `B / target` estimates the compute units actually served.
 *
 * @param parameters - The root sum, the difficulty target and the CU-to-token rate.
 * @returns Token base units (what settlement burns before the over-servicing cap).
 * @throws SettlementInvalidParamsError on a target outside [1, B] or a result above uint256.
 *
 * @example
 * computeClaimTokens({
 *   claimedComputeUnits: 5_000n,
 *   difficultyTarget: 2n ** 254n, // multiplier ≈ 4
 *   cuToToken: { numerator: 1n, denominator: 10n },
 * }) // 1999n: floor(5000 × 3.99… / 10), not 2000
 */
export function computeClaimTokens({
  claimedComputeUnits,
  difficultyTarget,
  cuToToken,
}: ComputeClaimTokensParameters): ComputeClaimTokensReturnType {
  assertNonNegative('claimedComputeUnits', claimedComputeUnits)
  assertRational('cuToToken', cuToToken)
  const target = toDifficultyTarget(difficultyTarget)
  // One division over the whole product. Solidity can compute the same value as
  // mulDiv(sum × num, B, target) / den, since floor(floor(x / a) / b) = floor(x / (a·b)) for a, b ≥ 1.
  const tokens = (claimedComputeUnits * MAX_UINT256 * cuToToken.numerator) / (target * cuToToken.denominator)
  if (tokens > MAX_UINT256)
    throw new SettlementInvalidParamsError({
      field: 'claimedComputeUnits',
      reason: 'claim value overflows uint256',
    })
  return tokens
}
