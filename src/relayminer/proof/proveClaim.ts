import { ensureTrie } from '../claim/claimTrees.ts'
import type { LifecycleContext } from '../lifecycle/lifecycleContext.ts'
import type { TreeProgress } from '../lifecycle/treeProgress.ts'
import { buildProof } from './buildProof.ts'

/**
 * The proof step of one claimed tree at `height`: once the proof window is open and its seed is known,
 * decide whether a proof is required and submit it. A failure is retried at the next block while the
 * window is open; after the window, the tree waits for settlement either way.
 *
 * @param context - ledger, store, metrics
 * @param progress - a claimed tree with its session
 * @param height - the current block
 * @example
 * await proveClaim(context, progress, height)
 */
export async function proveClaim(
  context: LifecycleContext,
  progress: TreeProgress,
  height: bigint,
): Promise<void> {
  const session = progress.session!
  const { timeline } = session
  if (height < timeline.proofWindowOpenHeight) return
  const log = context.logger.child({ sessionId: progress.header.sessionId, supplier: progress.supplier })
  if (height > timeline.proofWindowCloseHeight) {
    progress.phase = 'settling'
    return log.warn(
      'proof window closed before a proof decision; the claim may be slashed if one was required',
    )
  }
  const { trie, root } = ensureTrie(context, progress)
  const claim = await context.ledger.getClaim({
    supplier: progress.supplier,
    sessionHeader: session.header,
    root,
  })
  if (claim?.isProven) {
    progress.phase = 'settling'
    return
  }
  const proofSeed = await context.ledger.getProofSeed(progress.sessionNumber)
  if (proofSeed === undefined) return
  const built = buildProof({ session, supplier: progress.supplier, root, trie, proofSeed })
  if (!built.isRequired) {
    progress.phase = 'settling'
    return log.debug('no proof required')
  }
  try {
    await context.ledger.submitProof(progress.supplier, {
      sessionHeader: session.header,
      root,
      proof: built.proof,
    })
    progress.phase = 'settling'
    context.metrics.proofsSubmitted.inc({ supplier: progress.supplier })
    log.info('proof submitted')
  } catch (error) {
    context.metrics.proofsFailed.inc({ supplier: progress.supplier })
    log.warn({ err: error }, 'proof submission failed; retrying next block')
  }
}
