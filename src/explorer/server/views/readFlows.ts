import type { FlowRow, FlowsView } from '../../api/types.ts'
import { pageByBlock } from './pageByBlock.ts'
import type { ViewContext } from './viewContext.ts'

/**
 * Every settlement of the ledger's life (oldest first) with its token flows: per claim, what was burned
 * from the application and where the mint went, or what was slashed when a required proof was missing.
 * Kept up to date from newly indexed events (the running aggregates).
 *
 * @param ctx - the view context
 * @returns one row per `ClaimSettled` or `ClaimExpired`
 * @example
 * readSettlements(ctx).filter((row) => row.serviceId === 'llama-tiny')
 */
export function readSettlements(ctx: ViewContext): readonly FlowRow[] {
  return ctx.aggregates.read().settlements
}

/**
 * A page of settlements with their token flows, newest first, with the all-time totals.
 *
 * @param ctx - the view context
 * @param limit - how many settlements (more only when one block holds more)
 * @param before - only settlements below this block (the previous page's `nextBefore`)
 * @returns the flows view
 * @example
 * readFlows(ctx, 50).settlements[0].toChampion
 */
export function readFlows(ctx: ViewContext, limit: number, before?: bigint): FlowsView {
  const rows = readSettlements(ctx)
  const blockOf = (row: FlowRow) => BigInt(row.blockNumber)
  const end = before === undefined ? rows.length : firstAtOrAbove(rows, before)
  const page = pageByBlock(rows.slice(Math.max(0, end - limit - 1), end).reverse(), limit, blockOf, {
    wholeBlock: (block) => rows.filter((row) => blockOf(row) === block).reverse(),
    hasOlder: (block) => rows.length > 0 && blockOf(rows[0]!) < block,
  })
  return {
    settlements: page.rows,
    nextBefore: page.nextBefore?.toString() ?? null,
    totals: ctx.totals.read().tokens,
  }
}

/** The index of the first row at or above `block` (rows are oldest first). */
function firstAtOrAbove(rows: readonly FlowRow[], block: bigint): number {
  let low = 0
  let high = rows.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (BigInt(rows[mid]!.blockNumber) < block) low = mid + 1
    else high = mid
  }
  return low
}
