import type { Logger } from 'pino'
import type { ClaimProfitability } from '../claim/evaluateClaim.ts'
import type { RelayMinerMetrics } from '../metrics/createRelayMinerMetrics.ts'
import type { Ledger, LedgerInfo } from '../ports.ts'
import type { SessionTrees } from '../session/createSessionTrees.ts'
import type { SessionTreeStore } from '../store/index.ts'
import type { TreeProgress } from './treeProgress.ts'

/** What the claim, proof and settlement steps share. */
export type LifecycleContext = {
  ledger: Ledger
  ledgerInfo: LedgerInfo
  store: SessionTreeStore
  trees: SessionTrees
  metrics: RelayMinerMetrics
  logger: Logger
  claims: ClaimProfitability & { shouldSettle: boolean; drainTimeoutMs: number }
}

/**
 * Deletes a tree the lifecycle is done with (settled, skipped or expired) and stops tracking it.
 *
 * @param context - the store and logger
 * @param progress - the tree
 * @param tracked - the lifecycle's map of tracked trees
 * @param reason - why, for the log
 * @example
 * await dropTree(context, progress, tracked, 'settled')
 */
export async function dropTree(
  context: LifecycleContext,
  progress: TreeProgress,
  tracked: Map<string, TreeProgress>,
  reason: string,
): Promise<void> {
  await context.store.deleteTree(progress.treeKey)
  tracked.delete(progress.treeKey)
  context.logger.info(
    { sessionId: progress.header.sessionId, supplier: progress.supplier, reason },
    'session tree deleted',
  )
}

/** Groups trees by supplier (claims and settlements are batched per signing key). */
export function groupBySupplier(list: readonly TreeProgress[]): Map<string, TreeProgress[]> {
  const groups = new Map<string, TreeProgress[]>()
  for (const progress of list)
    groups.set(progress.supplier, [...(groups.get(progress.supplier) ?? []), progress])
  return groups
}
