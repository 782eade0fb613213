import type { Address, Hex } from 'viem'
import { ChainCallRevertedError } from '../errors/transaction.ts'
import { computeServiceKey } from '../ledger/computeServiceKey.ts'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'
import type { ServicePricing } from './types.ts'

export type GetServiceParameters = {
  serviceId: string
  /** The session whose pricing and difficulty to report. Default: the current one. */
  session?: bigint | undefined
}
export type GetServiceReturnType = {
  serviceId: string
  serviceKey: Hex
  /** The champion. */
  owner: Address
  modelSha256: Hex
  modelUris: readonly string[]
  license: string
  session: bigint
  /** The pricing in force during `session`; `undefined` before the service's first session. */
  pricing: ServicePricing | undefined
  /** The relay-mining target in force during `session` (2^256 − 1: every relay is mined). */
  target: bigint
}

/**
 * Reads a service: its champion, model commitment and the pricing and difficulty in force for a session.
 *
 * @returns the service
 * @throws {ChainCallRevertedError} `ServiceNotFound` for an unknown id
 * @example
 * const { pricing, target } = await getService(ledger, { serviceId: 'llama-tiny' })
 */
export async function getService(
  ledger: Ledger,
  { serviceId, session }: GetServiceParameters,
): Promise<GetServiceReturnType> {
  const serviceKey = computeServiceKey(serviceId)
  const number = session ?? (await readLedger(ledger, 'sessions', 'currentSession', []))
  const [service, pricing, target] = await Promise.all([
    readLedger(ledger, 'services', 'getService', [serviceId]),
    // A service is usable from the session after it was added: before that it has no pricing yet.
    readLedger(ledger, 'services', 'pricingAt', [serviceKey, number]).catch((error: unknown) => {
      if (error instanceof ChainCallRevertedError && error.errorName === 'ServiceNotFound') return undefined
      throw error
    }),
    readLedger(ledger, 'services', 'targetAt', [serviceKey, number]),
  ])
  return {
    serviceId,
    serviceKey,
    owner: service.owner,
    modelSha256: service.modelSha256,
    modelUris: service.modelUris,
    license: service.license,
    session: number,
    pricing: pricing && { ...pricing },
    target,
  }
}
