import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type SetSupplierEndpointParameters = { operator: Address; serviceId: string; endpoint: string }

/**
 * Changes the endpoint a supplier serves a service at, from the next session on (owner or operator).
 *
 * @returns the transaction
 * @throws {ChainTxRevertedError} `NotOwnerOrOperator`, `NotServing`
 * @example
 * await setSupplierEndpoint(ledger, { operator, serviceId: 'llama-tiny', endpoint: 'https://new.example' })
 */
export async function setSupplierEndpoint(
  ledger: Ledger,
  { operator, serviceId, endpoint }: SetSupplierEndpointParameters,
): Promise<WriteResult> {
  return toWriteResult(await writeLedger(ledger, 'suppliers', 'setEndpoint', [operator, serviceId, endpoint]))
}
