import type { SettlementInvalidParamsError } from './errors.ts'
import { assertNonNegative, assertPositive } from './validate.ts'

export type ComputeOffchainRelayBudgetParameters = {
  appStake: bigint
  /** The service's configured suppliers per session (not the claimants, unknown while serving). */
  suppliersPerSession: bigint
  /** Pending sessions as the chain counts them; one more is added for the session being served. */
  numPendingSessions: bigint
}
export type ComputeOffchainRelayBudgetReturnType = bigint
export type ComputeOffchainRelayBudgetErrorType = SettlementInvalidParamsError

/**
 * What a relay miner lets one application spend with it in one session (spec §7.4):
 * `floor(floor(appStake / suppliersPerSession) / (numPendingSessions + 1))`. Stricter than the on-chain
 * cap whenever claimants ≤ suppliersPerSession, so a supplier that stops serving at this budget is
 * never left with unpaid work; relays beyond it are refused with a rate-limit error.
 *
 * @param parameters - The application's stake, the session size and the pending sessions.
 * @returns Token base units; compare metered relay costs (`computeRelayCostTokens`) against it.
 *
 * @example
 * computeOffchainRelayBudget({ appStake: 1_000_000_000n, suppliersPerSession: 4n, numPendingSessions: 3n })
 * // 62_500_000n
 */
export function computeOffchainRelayBudget({
  appStake,
  suppliersPerSession,
  numPendingSessions,
}: ComputeOffchainRelayBudgetParameters): ComputeOffchainRelayBudgetReturnType {
  assertNonNegative('appStake', appStake)
  assertPositive('suppliersPerSession', suppliersPerSession)
  assertNonNegative('numPendingSessions', numPendingSessions)
  return appStake / suppliersPerSession / (numPendingSessions + 1n)
}
