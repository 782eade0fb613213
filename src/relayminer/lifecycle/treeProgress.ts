import type { Hex } from '../../protocol/bytes/bytes.ts'
import { decodeRelay } from '../../protocol/relay/decodeRelay.ts'
import type { SessionHeader } from '../../protocol/relay/types.ts'
import type { SparseMerkleSumTrie } from '../../protocol/smst/SparseMerkleSumTrie.ts'
import type { LedgerInfo, OnchainSession } from '../ports.ts'
import type { SessionTree } from '../store/index.ts'

/**
 * Where one supplier's tree for one session stands. Derived from the store and the chain, so it is
 * rebuilt after a restart: `phase` only caches what the chain already says.
 * - `collecting`: relays may still arrive (before the claim window).
 * - `sealed`: no more appends; the root is known; the claim is not yet on chain.
 * - `claimed`: the claim is on chain; a proof may be required.
 * - `settling`: nothing left to prove; waiting for settlement, then the tree is deleted.
 */
export type TreeProgress = {
  treeKey: string
  supplier: Hex
  header: SessionHeader
  sessionNumber: bigint
  phase: 'collecting' | 'sealed' | 'claimed' | 'settling'
  session: OnchainSession | undefined
  trie: SparseMerkleSumTrie | undefined
  root: Hex | undefined
  /** An operation (claim, proof, settle) is in flight; the next tick skips the tree. */
  isBusy: boolean
}

/**
 * Starts tracking a tree: the session header comes from its first leaf (every leaf is a relay of that
 * session), the supplier from its key.
 *
 * @param tree - a tree with at least one leaf
 * @param info - the session grid
 * @returns the progress, or `undefined` for an empty tree (created, then the process died before the
 *   first append was durable)
 * @example
 * const progress = readTreeProgress(store.getTree(key)!, ledgerInfo)
 */
export function readTreeProgress(tree: SessionTree, info: LedgerInfo): TreeProgress | undefined {
  const first = tree.leaves().next()
  if (first.done) return undefined
  const { request } = decodeRelay(first.value.value)
  const header = request.session
  return {
    treeKey: tree.sessionKey,
    supplier: request.supplier,
    header,
    sessionNumber: 1n + (header.sessionStartHeight - info.genesisHeight) / info.numBlocksPerSession,
    phase: tree.state === 'sealed' ? 'sealed' : 'collecting',
    session: undefined,
    trie: undefined,
    root: undefined,
    isBusy: false,
  }
}
