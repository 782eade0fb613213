import type { SettlementInvalidParamsError } from './errors.ts'
import type { Rational } from './types.ts'
import { assertNonNegative, assertRational } from './validate.ts'

export type ComputeRelayCostTokensParameters = {
  /** The relay's compute units (actual, or the maximum when reserving before the backend call). */
  computeUnits: bigint
  cuToToken: Rational
}
/** `computeUnits × num / den` token base units, unreduced: the denominator is always `cuToToken.denominator`. */
export type ComputeRelayCostTokensReturnType = Rational
export type ComputeRelayCostTokensErrorType = SettlementInvalidParamsError

/**
 * The expected token cost of one served relay, for the relay miner's off-chain meter. No difficulty
 * multiplier: a relay is mined with probability 1/multiplier and then worth multiplier times its value, so
 * its expected value is just `cu × rate`. No flooring either: a per-relay floor would make cheap relays
 * cost 0 and never be rate-limited. The denominator stays `cuToToken.denominator`, so a meter adds
 * numerators and compares `Σ numerator ≤ budget × denominator`.
 *
 * @param parameters - The relay's compute units and the CU-to-token rate.
 * @returns The exact cost as a rational of token base units.
 *
 * @example
 * computeRelayCostTokens({ computeUnits: 270n, cuToToken: { numerator: 1n, denominator: 10n } })
 * // { numerator: 270n, denominator: 10n } (27 base units)
 */
export function computeRelayCostTokens({
  computeUnits,
  cuToToken,
}: ComputeRelayCostTokensParameters): ComputeRelayCostTokensReturnType {
  assertNonNegative('computeUnits', computeUnits)
  assertRational('cuToToken', cuToToken)
  return { numerator: computeUnits * cuToToken.numerator, denominator: cuToToken.denominator }
}
