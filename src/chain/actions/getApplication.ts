import type { Address, Hex } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedgerRecord } from '../ledger/readLedgerRecord.ts'

export type GetApplicationParameters = { application: Address }
export type GetApplicationReturnType = {
  application: Address
  /** Token base units still staked. */
  stake: bigint
  /** The service key it is staked for (one service per application). */
  serviceKey: Hex
  /** First active session; 0 when not staked. */
  activeFromSession: bigint
  /** First session no longer active; 0 when not unbonding. */
  unbondingFromSession: bigint
  /** Claims against it not yet settled (it cannot withdraw before they are). */
  pendingClaims: number
  delegationCount: number
}

/**
 * Reads an application's stake, service, bonding state and delegation count.
 *
 * @returns the application (all zero when it never staked)
 * @example
 * const { stake, pendingClaims } = await getApplication(ledger, { application })
 */
export async function getApplication(
  ledger: Ledger,
  { application }: GetApplicationParameters,
): Promise<GetApplicationReturnType> {
  const a = await readLedgerRecord(ledger, 'applications', 'applications', [application])
  return {
    application,
    stake: a.stake,
    serviceKey: a.serviceKey,
    activeFromSession: a.activeFrom,
    unbondingFromSession: a.unbondingFrom,
    pendingClaims: a.pendingClaims,
    delegationCount: a.delegationCount,
  }
}
