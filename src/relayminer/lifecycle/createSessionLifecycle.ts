import { claimTrees, ensureTrie, sealTree } from '../claim/claimTrees.ts'
import { ClaimFailedError } from '../errors.ts'
import { proveClaim } from '../proof/proveClaim.ts'
import { dropTree, type LifecycleContext } from './lifecycleContext.ts'
import { settleTrees } from './settleTrees.ts'
import { readTreeProgress, type TreeProgress } from './treeProgress.ts'

/** Drives every stored tree through claim → proof → settlement → deletion as blocks arrive. */
export type SessionLifecycle = {
  /** One pass at `height`; safe to repeat (each step re-reads what the chain already has). */
  tick(height: bigint): Promise<void>
  /** Trees being tracked (for tests and metrics). */
  readonly tracked: ReadonlyMap<string, TreeProgress>
}

/**
 * Creates the lifecycle (docs/relayminer.md, "Lifecycle"). Each block: start tracking new trees; in the
 * claim window seal and claim (batched per supplier, unprofitable trees skipped); in the proof window
 * prove when required; after settlement delete. Every step is idempotent against the chain, so a
 * failed RPC call or a restart simply repeats it at the next block while its window is open.
 *
 * @param context - ledger, store, trees, metrics, logger, claim settings
 * @returns the lifecycle; wire `tick` to the block clock
 * @example
 * const lifecycle = createSessionLifecycle(context)
 * clock.onBlock((height) => lifecycle.tick(height))
 */
export function createSessionLifecycle(context: LifecycleContext): SessionLifecycle {
  const tracked = new Map<string, TreeProgress>()
  return {
    tracked,
    async tick(height) {
      await syncTracked(context, tracked)
      const due = { claims: [] as TreeProgress[], settlements: [] as TreeProgress[] }
      for (const progress of [...tracked.values()]) {
        try {
          await stepTree(context, progress, height, due, tracked)
        } catch (error) {
          context.logger.warn(
            { err: error, sessionId: progress.header.sessionId },
            'session step failed; retrying next block',
          )
        }
      }
      await claimTrees(context, due.claims, tracked)
      await settleTrees(context, due.settlements, tracked)
    },
  }
}

async function syncTracked(context: LifecycleContext, tracked: Map<string, TreeProgress>): Promise<void> {
  for (const info of context.store.listTrees()) {
    if (tracked.has(info.sessionKey)) continue
    const tree = context.store.getTree(info.sessionKey)
    const progress = tree && readTreeProgress(tree, context.ledgerInfo)
    if (progress) tracked.set(info.sessionKey, progress)
    // An empty tree was opened by a relay whose append never became durable: nothing to claim.
    else if (tree && context.trees.inFlight(info.sessionKey) === 0)
      await context.store.deleteTree(info.sessionKey)
  }
}

async function stepTree(
  context: LifecycleContext,
  progress: TreeProgress,
  height: bigint,
  due: { claims: TreeProgress[]; settlements: TreeProgress[] },
  tracked: Map<string, TreeProgress>,
): Promise<void> {
  progress.session ??= await context.ledger.getSession({
    application: progress.header.application,
    serviceId: progress.header.serviceId,
    sessionNumber: progress.sessionNumber,
    supplier: progress.supplier,
  })
  const { timeline } = progress.session
  if (height < timeline.claimWindowOpenHeight) return
  if (progress.phase === 'collecting' || progress.phase === 'sealed') {
    if (height <= timeline.claimWindowCloseHeight) {
      await sealTree(context, progress)
      return void due.claims.push(progress)
    }
    return missedClaimWindow(context, progress, tracked)
  }
  if (progress.phase === 'claimed') await proveClaim(context, progress, height)
  if (progress.phase === 'settling' && height >= timeline.settlementHeight) due.settlements.push(progress)
}

async function missedClaimWindow(
  context: LifecycleContext,
  progress: TreeProgress,
  tracked: Map<string, TreeProgress>,
): Promise<void> {
  const { root } = ensureTrie(context, progress)
  const claim = await context.ledger.getClaim({
    supplier: progress.supplier,
    sessionHeader: progress.session!.header,
    root,
  })
  if (claim) {
    progress.phase = claim.isProven ? 'settling' : 'claimed'
    return
  }
  context.metrics.claimsSkipped.inc({ reason: 'window_missed' })
  const error = new ClaimFailedError({
    sessionId: progress.header.sessionId,
    reason: 'the claim window closed',
  })
  context.logger.error(
    { err: error, supplier: progress.supplier },
    'claim window missed; its relays are lost',
  )
  await dropTree(context, progress, tracked, 'claim window missed')
}
