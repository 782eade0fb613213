import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { SupplierDetail, SupplierSummary } from '../../api/types.ts'
import { ExplorerNotFoundError } from '../../errors.ts'
import { argBigint, argHex } from './eventArgs.ts'
import { countClaims, readClaimLives, toClaimRow } from './readClaimRows.ts'
import { readSettlements } from './readFlows.ts'
import { readWatcherReports } from './readWatcherReports.ts'
import { readRegistry } from './serviceRegistry.ts'
import { foldSupplier, listSupplierServices } from './supplierHistory.ts'
import type { ViewContext } from './viewContext.ts'

// A detail page lists this many of the latest claims and says how many there are in all.
const maxListedClaims = 100

/**
 * Every supplier that ever staked: stake, services, its claims, proofs, settlements and slashes, earnings,
 * the gateway's QoS score and the watcher's latest verdict.
 *
 * @param ctx - the view context
 * @returns the suppliers, in the order they first staked
 * @example
 * readSuppliers(ctx).find((s) => s.operator === operator)?.proofs
 */
export function readSuppliers(ctx: ViewContext): SupplierSummary[] {
  const operators = new Set(
    ctx.data
      .getEvents({ contract: 'Suppliers', eventName: 'SupplierStaked' })
      .map((e) => argHex(e, 'operator')),
  )
  return [...operators].map((operator) => summarize(ctx, operator))
}

/**
 * One supplier in detail: revenue shares, its last 100 claims, stake history and watcher reports.
 *
 * @param ctx - the view context
 * @param operator - the supplier's operator address
 * @returns the supplier
 * @throws {ExplorerNotFoundError} when the address never staked as a supplier
 * @example
 * readSupplier(ctx, operator).claimList
 */
export function readSupplier(ctx: ViewContext, operator: Hex): SupplierDetail {
  const events = ctx.data.getEvents({ supplier: operator, contract: 'Suppliers' })
  if (!events.some((e) => e.eventName === 'SupplierStaked'))
    throw new ExplorerNotFoundError({ what: `supplier ${operator}` })
  const fold = foldSupplier(events)
  return {
    ...summarize(ctx, operator),
    revenueShares: fold.revenueShares,
    claimList: readClaimLives(ctx.data, { supplier: operator }, maxListedClaims).map(toClaimRow),
    claimTotal: countClaims(ctx.data, { supplier: operator }),
    stakeHistory: fold.stakeHistory,
    reports: readWatcherReports(ctx, operator),
  }
}

function summarize(ctx: ViewContext, operator: Hex): SupplierSummary {
  const { data } = ctx
  const fold = foldSupplier(data.getEvents({ supplier: operator, contract: 'Suppliers' }))
  const claims = data.getEvents({ supplier: operator, eventName: 'ClaimCreated' })
  const proven = readProvenClaims(ctx)
  const settlements = readSettlements(ctx).filter((row) => row.supplier === operator)
  const settled = settlements.filter((row) => row.outcome === 'settled')
  return {
    operator,
    owner: fold.owner,
    stake: fold.stake.toString(),
    status: fold.status,
    services: listSupplierServices(fold, readRegistry(ctx)),
    sessions: new Set(claims.map((e) => argBigint(e, 'session'))).size,
    claims: claims.length,
    proofs: claims.filter((e) => proven.has(argHex(e, 'claimKey'))).length,
    settlements: settled.length,
    expired: settlements.length - settled.length,
    slashes: fold.slashes,
    slashed: fold.slashed.toString(),
    earned: settled.reduce((sum, row) => sum + BigInt(row.toSupplier), 0n).toString(),
    qos: ctx.gateway.scores().get(operator) ?? null,
    // A report whose signature does not verify is listed on the supplier's page but never its verdict.
    verdict: readWatcherReports(ctx, operator).find((r) => r.isVerified !== false) ?? null,
  }
}

/** Claim keys with an accepted proof (one scan of `ProofAccepted`, cached per height). */
function readProvenClaims(ctx: ViewContext): ReadonlySet<Hex> {
  return ctx.memo(
    'proven',
    () => new Set(ctx.data.getEvents({ eventName: 'ProofAccepted' }).map((e) => argHex(e, 'claimKey'))),
  )
}
