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
  for (const event of events) {
    const reason = applyStakeEvent(fold, event) ?? applyServiceEvent(fold, event)
    if (reason === 'stake')
      fold.stakeHistory.push({
        blockNumber: event.blockNumber.toString(),
        stake: fold.stake.toString(),
        reason: event.eventName.replace(/^Supplier/, '').toLowerCase(),
      })
  }
  return fold
}

/** Applies a stake event; returns `'stake'` when the stake amount changed, `'other'` for other stake events. */
function applyStakeEvent(fold: SupplierFold, event: ExplorerEvent): 'stake' | 'other' | undefined {
  switch (event.eventName) {
    case 'SupplierStaked':
      fold.owner = argHex(event, 'owner')
      fold.stake = argBigint(event, 'stake')
      fold.status = 'staked'
      return 'stake'
    case 'SupplierSlashed':
      fold.slashes++
      fold.slashed += argBigint(event, 'amount')
      fold.stake -= argBigint(event, 'amount')
      // A slash below the minimum stake unbonds the supplier (docs/ledger.md, Stakes).
      if (argBoolean(event, 'forcedUnbonding')) fold.status = 'unbonding'
      return 'stake'
    case 'SupplierUnbondingStarted':
      fold.status = 'unbonding'
      return 'other'
    case 'SupplierWithdrawn':
      fold.stake = 0n
      fold.status = 'withdrawn'
      return 'stake'
  }
  return undefined
}

function applyServiceEvent(fold: SupplierFold, event: ExplorerEvent): undefined {
  if (event.eventName === 'SupplierServiceAdded' || event.eventName === 'SupplierEndpointScheduled')
    fold.services.set(argHex(event, 'serviceKey'), argString(event, 'endpoint'))
  else if (event.eventName === 'SupplierServiceRemoved') fold.services.delete(argHex(event, 'serviceKey'))
  else if (event.eventName === 'RevenueSharesSet')
    fold.revenueShares = argArray(event, 'shares').map((share) => {
      const s = (share ?? {}) as { recipient?: unknown; bps?: unknown }
      return { recipient: String(s.recipient ?? '0x').toLowerCase() as Hex, bps: Number(s.bps ?? 0) }
    })
  return undefined
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
