import type { Hex } from '../../protocol/bytes/bytes.ts'
import { dropTree, groupBySupplier, type LifecycleContext } from './lifecycleContext.ts'
import type { TreeProgress } from './treeProgress.ts'

/**
 * The settlement step: trees whose claim is settled (by us or anyone) are deleted; the others are
 * settled, one transaction per supplier, when `shouldSettle` is on. Only claimed trees reach this step, so
 * a claim the ledger no longer holds was settled (the contracts clear a claim when they settle it).
 *
 * @param context - ledger, store, metrics, settings
 * @param due - trees past their settlement height
 * @param tracked - the lifecycle's tracked trees
 * @example
 * await settleTrees(context, due, tracked)
 */
export async function settleTrees(
  context: LifecycleContext,
  due: readonly TreeProgress[],
  tracked: Map<string, TreeProgress>,
): Promise<void> {
  for (const [supplier, group] of groupBySupplier(due)) {
    const unsettled: TreeProgress[] = []
    for (const progress of group) {
      const claim = await context.ledger.getClaim(claimKeyOf(progress))
      if (claim && !claim.isSettled) unsettled.push(progress)
      else {
        // A ledger may forget a claim once it is settled: after our own claim, gone means settled.
        context.metrics.settlements.inc({ supplier })
        await dropTree(context, progress, tracked, 'settled')
      }
    }
    if (unsettled.length === 0 || !context.claims.shouldSettle) continue
    try {
      await context.ledger.settleClaims(supplier as Hex, unsettled.map(claimKeyOf))
      context.metrics.settlements.inc({ supplier }, unsettled.length)
      for (const progress of unsettled) await dropTree(context, progress, tracked, 'settled')
    } catch (error) {
      context.logger.warn(
        { err: error, supplier, claims: unsettled.length },
        'settlement failed; retrying next block',
      )
    }
  }
}

function claimKeyOf(progress: TreeProgress) {
  return { supplier: progress.supplier, sessionHeader: progress.session!.header, root: progress.root! }
}
