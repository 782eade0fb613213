import type { Hex } from '../../protocol/bytes/bytes.ts'
import { bytesToHex } from '../../protocol/bytes/bytes.ts'
import { SparseMerkleSumTrie } from '../../protocol/smst/SparseMerkleSumTrie.ts'
import { ClaimFailedError } from '../errors.ts'
import { dropTree, groupBySupplier, type LifecycleContext } from '../lifecycle/lifecycleContext.ts'
import type { TreeProgress } from '../lifecycle/treeProgress.ts'
import { evaluateClaim } from './evaluateClaim.ts'

/**
 * Seals a tree for its claim: waits (bounded) for relays of the session still being served, refuses
 * further appends, and builds the sum trie from the durable leaves. The trie is kept for the proof.
 *
 * @param context - store, trees, settings
 * @param progress - a tree whose claim window is open
 * @example
 * await sealTree(context, progress) // progress.root is now the 48-byte root
 */
export async function sealTree(context: LifecycleContext, progress: TreeProgress): Promise<void> {
  if (progress.phase === 'collecting') {
    const isDrained = await context.trees.waitForIdle(progress.treeKey, context.claims.drainTimeoutMs)
    if (!isDrained)
      context.logger.warn(
        { sessionId: progress.header.sessionId },
        'relays still in flight at seal time will be refused',
      )
    await context.store.sealTree(progress.treeKey)
    progress.phase = 'sealed'
  }
  ensureTrie(context, progress)
}

/**
 * Rebuilds the sum trie of a sealed tree from the store (after a restart, or at seal time).
 *
 * @param context - the store
 * @param progress - the tree
 * @returns the trie and root
 * @example
 * const { trie, root } = ensureTrie(context, progress)
 */
export function ensureTrie(
  context: LifecycleContext,
  progress: TreeProgress,
): { trie: SparseMerkleSumTrie; root: Hex } {
  if (!progress.trie || !progress.root) {
    const tree = context.store.getTree(progress.treeKey)
    if (!tree)
      throw new ClaimFailedError({ sessionId: progress.header.sessionId, reason: 'its tree is missing' })
    progress.trie = tree.rebuild(
      new SparseMerkleSumTrie({ valueHasher: 'none', initialCapacity: Math.max(16, tree.count) }),
    )
    progress.root = bytesToHex(progress.trie.root())
  }
  return { trie: progress.trie, root: progress.root }
}

/**
 * Claims the sealed trees that are worth it, one transaction per supplier (batched; one by one if the
 * batch fails), and deletes the ones that are not. A claim already on chain (sent before a crash) is adopted, not sent again. A failed
 * submission leaves the trees sealed; the next block retries while the window is open.
 *
 * @param context - ledger, store, metrics, settings
 * @param due - sealed trees in their claim window, each with its session
 * @param tracked - the lifecycle's tracked trees (skipped trees leave it)
 * @example
 * await claimTrees(context, due, tracked)
 */
export async function claimTrees(
  context: LifecycleContext,
  due: readonly TreeProgress[],
  tracked: Map<string, TreeProgress>,
): Promise<void> {
  for (const [supplier, group] of groupBySupplier(due)) {
    const toClaim = await selectClaims(context, group, tracked)
    if (toClaim.length === 0) continue
    // One transaction for all; the batch is all-or-nothing, so if it fails each claim is tried on its own,
    // and one bad claim cannot block the others for the whole window.
    if (await submitBatch(context, supplier as Hex, toClaim)) continue
    if (toClaim.length > 1)
      for (const progress of toClaim) await submitBatch(context, supplier as Hex, [progress])
  }
}

async function submitBatch(
  context: LifecycleContext,
  supplier: Hex,
  batch: TreeProgress[],
): Promise<boolean> {
  try {
    const claims = batch.map((progress) => ({
      sessionHeader: progress.session!.header,
      root: progress.root!,
    }))
    await context.ledger.submitClaims(supplier, claims)
    for (const progress of batch) progress.phase = 'claimed'
    context.metrics.claimsSubmitted.inc({ supplier }, batch.length)
    context.logger.info({ supplier, claims: batch.length }, 'claims submitted')
    return true
  } catch (error) {
    context.metrics.claimsFailed.inc({ supplier }, batch.length)
    context.logger.warn(
      { err: error, supplier, claims: batch.length },
      'claim submission failed; retrying next block',
    )
    return false
  }
}

async function selectClaims(
  context: LifecycleContext,
  group: TreeProgress[],
  tracked: Map<string, TreeProgress>,
): Promise<TreeProgress[]> {
  const supplier = group[0]!.supplier
  const claimCostWei =
    context.claims.weiPerTokenBaseUnit === undefined
      ? undefined
      : (await context.ledger.estimateClaimCostWei(supplier, group.length)) / BigInt(group.length)
  const selected: TreeProgress[] = []
  for (const progress of group) {
    const key = { supplier, sessionHeader: progress.session!.header, root: progress.root! }
    const existing = await context.ledger.getClaim(key)
    if (existing) {
      // Sent before a restart: the sealed leaves are the same, so the root is too.
      progress.phase = existing.isProven ? 'settling' : 'claimed'
      continue
    }
    const decision = evaluateClaim({
      sum: progress.trie!.sum(),
      session: progress.session!,
      claimCostWei,
      profitability: context.claims,
    })
    if (decision.shouldClaim) selected.push(progress)
    else {
      context.metrics.claimsSkipped.inc({ reason: decision.reason })
      await dropTree(
        context,
        progress,
        tracked,
        `claim skipped: ${decision.reason} (${decision.claimTokens} base units)`,
      )
    }
  }
  return selected
}
