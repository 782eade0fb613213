import type { SettlementInvalidParamsError } from './errors.ts'
import { assertNonNegative, assertPositive } from './validate.ts'

export type ComputeClaimCapParameters = {
  /** The session budget (`computeSessionBudget`). */
  budget: bigint
  /** Suppliers that actually claimed this (application, session), ≥ 1. */
  claimants: bigint
}
export type ComputeClaimCapReturnType = bigint
export type ComputeClaimCapErrorType = SettlementInvalidParamsError

/**
 * The on-chain cap on what one claim burns (spec §7.4): `floor(budget / claimants)`; settlement burns
 * `min(claimTokens, cap)` and work above it is unpaid. The two floors (budget, then cap) equal the single
 * `floor(appStake / (numPendingSessions × claimants))`, so either order of evaluation agrees.
 *
 * @param parameters - The session budget and the number of claimants.
 * @returns Token base units one claimant can be paid at most.
 *
 * @example
 * computeClaimCap({ budget: 333_333_333n, claimants: 2n }) // 166_666_666n
 */
export function computeClaimCap({ budget, claimants }: ComputeClaimCapParameters): ComputeClaimCapReturnType {
  assertNonNegative('budget', budget)
  assertPositive('claimants', claimants)
  return budget / claimants
}
