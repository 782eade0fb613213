import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedgerRecord } from '../ledger/readLedgerRecord.ts'

export type GetGatewayParameters = { gateway: Address }
export type GetGatewayReturnType = {
  gateway: Address
  stake: bigint
  /** First active session; 0 when not staked. */
  activeFromSession: bigint
  /** First session no longer active; 0 when not unbonding. */
  unbondingFromSession: bigint
}

/**
 * Reads a gateway's stake and bonding state.
 *
 * @returns the gateway (all zero when it never staked)
 * @example
 * const { stake } = await getGateway(ledger, { gateway })
 */
export async function getGateway(
  ledger: Ledger,
  { gateway }: GetGatewayParameters,
): Promise<GetGatewayReturnType> {
  const g = await readLedgerRecord(ledger, 'gateways', 'gateways', [gateway])
  return { gateway, stake: g.stake, activeFromSession: g.activeFrom, unbondingFromSession: g.unbondingFrom }
}
