import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'
import { type SupplierServiceConfig, toWriteResult, type WriteResult } from './types.ts'

export type AddSupplierServiceParameters = { operator: Address; service: SupplierServiceConfig }

/**
 * Adds a service (and its endpoint) to a supplier from the next session on (its owner or operator).
 *
 * @returns the transaction
 * @throws {ChainTxRevertedError} `NotOwnerOrOperator`, `ServiceNotFound`, `AlreadyServing`, `TooManyServices`, `ServiceReaddTooSoon`
 * @example
 * await addSupplierService(ledger, { operator, service: { serviceId: 'llama-tiny', endpoint } })
 */
export async function addSupplierService(
  ledger: Ledger,
  { operator, service }: AddSupplierServiceParameters,
): Promise<WriteResult> {
  return toWriteResult(await writeLedger(ledger, 'suppliers', 'addService', [operator, service]))
}
