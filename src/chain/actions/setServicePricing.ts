import type { Ledger } from '../ledger/createLedger.ts'
import { parseLedgerEvents, writeLedger } from '../ledger/writeLedger.ts'
import { type ServicePricing, toWriteResult, type WriteResult } from './types.ts'

export type SetServicePricingParameters = { serviceId: string; pricing: ServicePricing }
export type SetServicePricingReturnType = WriteResult & { fromSession: bigint }

/**
 * Changes a service's pricing from the next session on (its owner only).
 *
 * @returns the transaction and the first session the new pricing applies to
 * @throws {ChainTxRevertedError} `NotServiceOwner`, `ServiceNotFound`, `InvalidPricing`, `ChampionShareTooHigh`
 * @example
 * await setServicePricing(ledger, { serviceId: 'llama-tiny', pricing: { ...pricing, cuPerOutputToken: 4n } })
 */
export async function setServicePricing(
  ledger: Ledger,
  { serviceId, pricing }: SetServicePricingParameters,
): Promise<SetServicePricingReturnType> {
  const sent = await writeLedger(ledger, 'services', 'setPricing', [serviceId, pricing])
  const [scheduled] = parseLedgerEvents(ledger, 'services', sent.receipt, 'PricingScheduled')
  return { ...toWriteResult(sent), fromSession: scheduled!.args.fromSession }
}
