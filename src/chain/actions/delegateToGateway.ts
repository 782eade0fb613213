import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { parseLedgerEvents, writeLedger } from '../ledger/writeLedger.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type DelegateToGatewayParameters = { gateway: Address }
export type DelegateToGatewayReturnType = WriteResult & { fromSession: bigint }

/**
 * Lets a staked gateway sign relays for the clients' account (an application) from the next session on.
 *
 * @returns the transaction and the first session the delegation covers
 * @throws {ChainTxRevertedError} `NotStaked`, `GatewayNotStaked`, `AlreadyDelegated`, `TooManyGateways`,
 *   `RedelegationTooSoon`
 * @example
 * await delegateToGateway(ledger, { gateway })
 */
export async function delegateToGateway(
  ledger: Ledger,
  { gateway }: DelegateToGatewayParameters,
): Promise<DelegateToGatewayReturnType> {
  const sent = await writeLedger(ledger, 'applications', 'delegate', [gateway])
  const [delegated] = parseLedgerEvents(ledger, 'applications', sent.receipt, 'GatewayDelegated')
  return { ...toWriteResult(sent), fromSession: delegated!.args.fromSession }
}
