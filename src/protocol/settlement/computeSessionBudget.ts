import type { SettlementInvalidParamsError } from './errors.ts'
import { assertNonNegative, assertPositive } from './validate.ts'

export type ComputeSessionBudgetParameters = {
  /** The application's stake at the start of the settlement block, in token base units. */
  appStake: bigint
  /** Sessions whose claims can still settle against this stake (at the session end height), ≥ 1. */
  numPendingSessions: bigint
}
export type ComputeSessionBudgetReturnType = bigint
export type ComputeSessionBudgetErrorType = SettlementInvalidParamsError

/**
 * The most one application can pay for one session on chain (spec §7.4): `floor(appStake / numPendingSessions)`.
 * Dividing by the pending sessions keeps a stake from being spent twice by overlapping claim windows.
 *
 * @param parameters - The application's stake and its number of pending sessions.
 * @returns Token base units the session's claims may burn in total.
 *
 * @example
 * computeSessionBudget({ appStake: 1_000_000_000n, numPendingSessions: 3n }) // 333_333_333n
 */
export function computeSessionBudget({
  appStake,
  numPendingSessions,
}: ComputeSessionBudgetParameters): ComputeSessionBudgetReturnType {
  assertNonNegative('appStake', appStake)
  assertPositive('numPendingSessions', numPendingSessions)
  return appStake / numPendingSessions
}
