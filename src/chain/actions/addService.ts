import type { Hex } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { parseLedgerEvents, writeLedger } from '../ledger/writeLedger.ts'
import { type ServicePricing, toWriteResult, type WriteResult } from './types.ts'

export type AddServiceParameters = {
  /** ASCII `[A-Za-z0-9_.-]`, at most 42 characters. */
  serviceId: string
  pricing: ServicePricing
  /** sha256 of the model's weights file: the commitment watchers audit against. */
  modelSha256: Hex
  modelUris: readonly string[]
  license: string
}
export type AddServiceReturnType = WriteResult & { serviceKey: Hex; activeFromSession: bigint }

/**
 * Publishes a service owned by the caller (its model champion). Relays for it are accepted from the next
 * session on.
 *
 * @returns the transaction, the service key and the first session its pricing applies to
 * @throws {ChainTxRevertedError} `ServiceExists`, `InvalidServiceId`, `InvalidPricing`, `ChampionShareTooHigh`
 * @example
 * await addService(ledger, { serviceId: 'llama-tiny', pricing, modelSha256, modelUris: ['https://…'], license: 'MIT' })
 */
export async function addService(
  ledger: Ledger,
  parameters: AddServiceParameters,
): Promise<AddServiceReturnType> {
  const { serviceId, pricing, modelSha256, modelUris, license } = parameters
  const sent = await writeLedger(ledger, 'services', 'addService', [
    serviceId,
    pricing,
    modelSha256,
    modelUris,
    license,
  ])
  const [scheduled] = parseLedgerEvents(ledger, 'services', sent.receipt, 'PricingScheduled')
  return {
    ...toWriteResult(sent),
    serviceKey: scheduled!.args.serviceKey,
    activeFromSession: scheduled!.args.fromSession,
  }
}
