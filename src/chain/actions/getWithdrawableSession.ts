import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'

export type GetWithdrawableSessionParameters = {
  role: 'application' | 'gateway' | 'supplier'
  /** The actor's `unbondingFromSession`: the first session it is no longer active (not 0). */
  unbondingFromSession: bigint
}

const unbondingSessions = {
  application: 'applicationUnbondingSessions',
  gateway: 'gatewayUnbondingSessions',
  supplier: 'supplierUnbondingSessions',
} as const

/**
 * The first session an unbonding stake can be withdrawn in, as the contracts' `withdraw` computes it: the
 * unbonding period in force in the actor's last active session, counted from the first inactive one.
 * Applications and suppliers must also have no claim pending.
 *
 * @returns the session number
 * @example
 * const from = await getWithdrawableSession(ledger, { role: 'gateway', unbondingFromSession: 7n })
 */
export async function getWithdrawableSession(
  ledger: Ledger,
  { role, unbondingFromSession }: GetWithdrawableSessionParameters,
): Promise<bigint> {
  const params = await readLedger(ledger, 'params', 'paramsAt', [unbondingFromSession - 1n])
  return unbondingFromSession + BigInt(params[unbondingSessions[role]])
}
