import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { SupplierDetail, SupplierSummary } from '../../api/types.ts'
import { ExplorerNotFoundError } from '../../errors.ts'
import { argHex } from './eventArgs.ts'
import { type ClaimPage, readClaimLives, toClaimRow } from './readClaimRows.ts'
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
 * One supplier in detail: revenue shares, a page of its claims (the latest 100, or those below `before`),
 * stake history and watcher reports.
 *
 * @param ctx - the view context
 * @param operator - the supplier's operator address
 * @param page - the claim page: its size and cursor
 * @returns the supplier
 * @throws {ExplorerNotFoundError} when the address never staked as a supplier
 * @example
 * readSupplier(ctx, operator).claimList
 */
export function readSupplier(
  ctx: ViewContext,
  operator: Hex,
  page: ClaimPage = { limit: maxListedClaims },
): SupplierDetail {
  const events = ctx.data.getEvents({ supplier: operator, contract: 'Suppliers' })
  if (!events.some((e) => e.eventName === 'SupplierStaked'))
    throw new ExplorerNotFoundError({ what: `supplier ${operator}` })
  const fold = foldSupplier(events)
  const claims = readClaimLives(ctx.data, { supplier: operator }, page.limit, page.before)
  return {
    ...summarize(ctx, operator),
    revenueShares: fold.revenueShares,
    claimList: claims.lives.map(toClaimRow),
    claimTotal: ctx.aggregates.read().suppliers.get(operator)?.claims ?? 0,
    nextBefore: claims.nextBefore?.toString() ?? null,
    stakeHistory: fold.stakeHistory,
    reports: readWatcherReports(ctx, operator),
  }
}

function summarize(ctx: ViewContext, operator: Hex): SupplierSummary {
  const { data } = ctx
  const fold = foldSupplier(data.getEvents({ supplier: operator, contract: 'Suppliers' }))
  const sums = ctx.aggregates.read().suppliers.get(operator)
  return {
    operator,
    owner: fold.owner,
    stake: fold.stake.toString(),
    status: fold.status,
    services: listSupplierServices(fold, readRegistry(ctx)),
    sessions: sums?.sessions.size ?? 0,
    claims: sums?.claims ?? 0,
    proofs: sums?.proofs ?? 0,
    settlements: sums?.settlements ?? 0,
    expired: sums?.expired ?? 0,
    slashes: fold.slashes,
    slashed: fold.slashed.toString(),
    earned: (sums?.earned ?? 0n).toString(),
    qos: ctx.gateway.scores().get(operator) ?? null,
    // A report whose signature does not verify is listed on the supplier's page but never its verdict.
    verdict: readWatcherReports(ctx, operator).find((r) => r.isVerified !== false) ?? null,
  }
}
