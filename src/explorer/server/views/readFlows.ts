import type { FlowRow, FlowsView } from '../../api/types.ts'
import type { ExplorerEvent } from '../../ports.ts'
import { argBigint, argBoolean, argHex } from './eventArgs.ts'
import { matchSettlementMints } from './matchSettlementMints.ts'
import { serviceOfClaim } from './readClaimRows.ts'
import { readRegistry } from './serviceRegistry.ts'
import type { ViewContext } from './viewContext.ts'

/**
 * Every settlement of the ledger's life (oldest first) with its token flows: per claim, what was burned
 * from the application and where the mint went, or what was slashed when a required proof was missing.
 * Cached per indexed height; services and suppliers add up their earnings from it.
 *
 * @param ctx - the view context
 * @returns one row per `ClaimSettled` or `ClaimExpired`
 * @example
 * readSettlements(ctx).filter((row) => row.serviceId === 'llama-tiny')
 */
export function readSettlements(ctx: ViewContext): FlowRow[] {
  return ctx.memo('settlements', () =>
    ctx.data
      .getEvents({ contract: 'Settlement', eventName: ['ClaimSettled', 'ClaimExpired'] })
      // A settlement's row never changes once indexed: compute its mint split once.
      .map((event) => ctx.remember(`flow:${event.id}:${event.transactionHash}`, () => toFlowRow(ctx, event))),
  )
}

/**
 * The token flows of the most recent settlements, newest first, with the all-time totals.
 *
 * @param ctx - the view context
 * @param limit - how many settlements
 * @returns the flows view
 * @example
 * readFlows(ctx, 50).settlements[0].toChampion
 */
export function readFlows(ctx: ViewContext, limit: number): FlowsView {
  const settlements = readSettlements(ctx).slice(-limit).reverse()
  return { settlements, totals: ctx.totals.read().tokens }
}

function toFlowRow(ctx: ViewContext, event: ExplorerEvent): FlowRow {
  const registry = readRegistry(ctx)
  const claimKey = argHex(event, 'claimKey')
  const serviceId = serviceOfClaim(ctx.data, claimKey) ?? null
  const isSettled = event.eventName === 'ClaimSettled'
  const serviceKey = serviceId === null ? undefined : registry.byId.get(serviceId)?.serviceKey
  const champion = serviceKey && registry.championAt(serviceKey, event.blockNumber)
  const split = isSettled
    ? matchSettlementMints(ctx.data, event, champion)
    : { toSupplier: 0n, toChampion: 0n, toDao: 0n }
  return {
    claimKey,
    blockNumber: event.blockNumber.toString(),
    transactionHash: event.transactionHash,
    session: argBigint(event, 'session').toString(),
    serviceId,
    supplier: argHex(event, 'supplierOperator'),
    application: argHex(event, 'application'),
    outcome: isSettled ? 'settled' : 'expired',
    claimTokens: argBigint(event, 'claimTokens').toString(),
    burned: argBigint(event, 'burned').toString(),
    minted: argBigint(event, 'minted').toString(),
    inflationMinted: argBigint(event, 'inflationMinted').toString(),
    toSupplier: split.toSupplier.toString(),
    toChampion: split.toChampion.toString(),
    toDao: split.toDao.toString(),
    slashed: argBigint(event, 'slashed').toString(),
    isProofRequired: isSettled ? argBoolean(event, 'proofRequired') : true,
  }
}
