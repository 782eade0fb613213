import type { Ledger } from '../ledger/createLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type SetModelUrisParameters = { serviceId: string; modelUris: readonly string[] }

/**
 * Replaces a service's model download locations (its owner only); the sha256 commitment never changes.
 *
 * @returns the transaction
 * @throws {ChainTxRevertedError} `NotServiceOwner`, `ServiceNotFound`
 * @example
 * await setModelUris(ledger, { serviceId: 'llama-tiny', modelUris: ['https://mirror.example/tiny.gguf'] })
 */
export async function setModelUris(
  ledger: Ledger,
  { serviceId, modelUris }: SetModelUrisParameters,
): Promise<WriteResult> {
  return toWriteResult(await writeLedger(ledger, 'services', 'setModelUris', [serviceId, modelUris]))
}
