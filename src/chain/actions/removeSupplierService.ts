import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type RemoveSupplierServiceParameters = { operator: Address; serviceId: string }

/**
 * Stops serving a service after the current session (the supplier's owner or operator).
 *
 * @returns the transaction
 * @throws {ChainTxRevertedError} `NotOwnerOrOperator`, `NotServing`
 * @example
 * await removeSupplierService(ledger, { operator, serviceId: 'llama-tiny' })
 */
export async function removeSupplierService(
  ledger: Ledger,
  { operator, serviceId }: RemoveSupplierServiceParameters,
): Promise<WriteResult> {
  return toWriteResult(await writeLedger(ledger, 'suppliers', 'removeService', [operator, serviceId]))
}
