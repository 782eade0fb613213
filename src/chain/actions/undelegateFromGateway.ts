import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { parseLedgerEvents, writeLedger } from '../ledger/writeLedger.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type UndelegateFromGatewayParameters = { gateway: Address }
export type UndelegateFromGatewayReturnType = WriteResult & { untilSession: bigint }

/**
 * Revokes a gateway's delegation after the current session.
 *
 * @returns the transaction and the first session the gateway no longer covers
 * @throws {ChainTxRevertedError} `NotDelegated`
 * @example
 * await undelegateFromGateway(ledger, { gateway })
 */
export async function undelegateFromGateway(
  ledger: Ledger,
  { gateway }: UndelegateFromGatewayParameters,
): Promise<UndelegateFromGatewayReturnType> {
  const sent = await writeLedger(ledger, 'applications', 'undelegate', [gateway])
  const [undelegated] = parseLedgerEvents(ledger, 'applications', sent.receipt, 'GatewayUndelegated')
  return { ...toWriteResult(sent), untilSession: undelegated!.args.untilSession }
}
