import type { Address, Hex } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'
import { readLedgerRecord } from '../ledger/readLedgerRecord.ts'
import type { RevenueShare } from './types.ts'

export type GetSupplierParameters = { operator: Address }
export type GetSupplierReturnType = {
  operator: Address
  /** The key that staked and manages the supplier; the operator signs relays and claims. */
  owner: Address
  stake: bigint
  unbondingFromSession: bigint
  pendingClaims: number
  revenueShares: readonly RevenueShare[]
  services: readonly {
    serviceKey: Hex
    fromSession: bigint
    /** 0 while the supplier still serves it. */
    untilSession: bigint
    endpoint: string
    /** An endpoint change waiting for the next session, or ''. */
    pendingEndpoint: string
    pendingEndpointFromSession: bigint
  }[]
}

/**
 * Reads a supplier: owner, stake, bonding, revenue shares and every service it serves with its endpoint.
 *
 * @returns the supplier (owner is the zero address when it never staked)
 * @example
 * const { services } = await getSupplier(ledger, { operator })
 */
export async function getSupplier(
  ledger: Ledger,
  { operator }: GetSupplierParameters,
): Promise<GetSupplierReturnType> {
  const [supplier, revenueShares, serviceKeys] = await Promise.all([
    readLedgerRecord(ledger, 'suppliers', 'suppliers', [operator]),
    readLedger(ledger, 'suppliers', 'revenueSharesOf', [operator]),
    readLedger(ledger, 'suppliers', 'serviceKeysOf', [operator]),
  ])
  const services = await Promise.all(
    serviceKeys.map(async (serviceKey) => {
      const s = await readLedger(ledger, 'suppliers', 'serviceOf', [operator, serviceKey])
      return {
        serviceKey,
        fromSession: s.from,
        untilSession: s.until,
        endpoint: s.endpoint,
        pendingEndpoint: s.pendingEndpoint,
        pendingEndpointFromSession: s.endpointFrom,
      }
    }),
  )
  return {
    operator,
    owner: supplier.owner,
    stake: supplier.stake,
    unbondingFromSession: supplier.unbondingFrom,
    pendingClaims: supplier.pendingClaims,
    revenueShares,
    services,
  }
}
