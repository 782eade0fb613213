import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { StakePoint } from '../../api/types.ts'
import type { ExplorerEvent } from '../../ports.ts'
import { argArray, argBigint, argBoolean, argHex, argString } from './eventArgs.ts'
import type { ServiceRegistry } from './serviceRegistry.ts'

/** A supplier's state, folded from its events in order. */
export type SupplierFold = {
  owner: Hex
  stake: bigint
  status: 'staked' | 'unbonding' | 'withdrawn'
  services: Map<Hex, string>
  revenueShares: { recipient: Hex; bps: number }[]
  stakeHistory: StakePoint[]
  slashes: number
  slashed: bigint
}

/**
 * Folds a supplier's own events (oldest first) into its stake, status, services and revenue shares.
 * `SupplierStaked` carries the new total, a slash subtracts, a withdrawal empties the stake.
 *
 * @param events - the supplier's events (query by `supplier`)
 * @returns the folded state
 * @example
 * foldSupplier(data.getEvents({ supplier }))
 */
export function foldSupplier(events: readonly ExplorerEvent[]): SupplierFold {
  const fold: SupplierFold = {
    owner: '0x',
    stake: 0n,
    status: 'staked',
    services: new Map(),
    revenueShares: [],
    stakeHistory: [],
    slashes: 0,
    slashed: 0n,
  }
  const record = (event: ExplorerEvent, reason: string) =>
    fold.stakeHistory.push({
      blockNumber: event.blockNumber.toString(),
      stake: fold.stake.toString(),
      reason,
    })
  for (const event of events) {
    switch (event.eventName) {
      case 'SupplierStaked':
        fold.owner = argHex(event, 'owner')
        fold.stake = argBigint(event, 'stake')
        fold.status = 'staked'
        record(event, 'staked')
        break
      case 'SupplierSlashed':
        fold.slashes++
        fold.slashed += argBigint(event, 'amount')
        fold.stake -= argBigint(event, 'amount')
        // A slash below the minimum stake unbonds the supplier (docs/ledger.md, Stakes).
        if (argBoolean(event, 'forcedUnbonding')) fold.status = 'unbonding'
        record(event, 'slashed')
        break
      case 'SupplierUnbondingStarted':
        fold.status = 'unbonding'
        break
      case 'SupplierWithdrawn':
        fold.stake = 0n
        fold.status = 'withdrawn'
        record(event, 'withdrawn')
        break
      case 'SupplierServiceAdded':
      case 'SupplierEndpointScheduled':
        fold.services.set(argHex(event, 'serviceKey'), argString(event, 'endpoint'))
        break
      case 'SupplierServiceRemoved':
        fold.services.delete(argHex(event, 'serviceKey'))
        break
      case 'RevenueSharesSet':
        fold.revenueShares = argArray(event, 'shares').map((share) => {
          const s = (share ?? {}) as { recipient?: unknown; bps?: unknown }
          return { recipient: String(s.recipient ?? '0x').toLowerCase() as Hex, bps: Number(s.bps ?? 0) }
        })
        break
    }
  }
  return fold
}

/**
 * The supplier's services by id, with endpoints.
 *
 * @example
 * listSupplierServices(fold, registry) // [{ serviceId: 'llama-tiny', endpoint: 'http://…' }]
 */
export function listSupplierServices(
  fold: SupplierFold,
  registry: ServiceRegistry,
): { serviceId: string; endpoint: string }[] {
  return [...fold.services].map(([key, endpoint]) => ({
    serviceId: registry.byKey.get(key)?.serviceId ?? key,
    endpoint,
  }))
}
