import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type TransferServiceParameters = { serviceId: string; newOwner: Address }

/**
 * Hands a service, and its champion share, to another owner (its owner only).
 *
 * @returns the transaction
 * @throws {ChainTxRevertedError} `NotServiceOwner`, `ServiceNotFound`, `ZeroAddress`
 * @example
 * await transferService(ledger, { serviceId: 'llama-tiny', newOwner })
 */
export async function transferService(
  ledger: Ledger,
  { serviceId, newOwner }: TransferServiceParameters,
): Promise<WriteResult> {
  return toWriteResult(await writeLedger(ledger, 'services', 'transferService', [serviceId, newOwner]))
}
