import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedgerRecord } from '../ledger/readLedgerRecord.ts'

export type GetDelegationParameters = { application: Address; gateway: Address }
export type GetDelegationReturnType = {
  application: Address
  gateway: Address
  /** First session the gateway may sign for the application; 0 when it never was delegated (or it was undone before it began). */
  fromSession: bigint
  /** First session it no longer may; 0 while the delegation is open. */
  untilSession: bigint
}

/**
 * Reads one delegation of an application to a gateway, as the ledger stores it (the last interval only).
 *
 * @returns the delegation's sessions (both 0 when there is none)
 * @example
 * const { fromSession, untilSession } = await getDelegation(ledger, { application, gateway })
 */
export async function getDelegation(
  ledger: Ledger,
  { application, gateway }: GetDelegationParameters,
): Promise<GetDelegationReturnType> {
  const d = await readLedgerRecord(ledger, 'applications', 'delegations', [application, gateway])
  return { application, gateway, fromSession: d.from, untilSession: d.until }
}
