import { INNER_STRIDE, LEFT, type NodeStore, RIGHT } from './NodeStore.ts'
import type { SumTrieLeaf } from './types.ts'

/**
 * Every leaf below `ref` in path order (left before right), as copies of path and weight.
 *
 * @param store - the trie's nodes
 * @param ref - a child reference (the root for the whole trie)
 * @returns a generator of leaves
 */
export function* walkLeaves(store: NodeStore, ref: number): Generator<SumTrieLeaf> {
  if (ref === 0) return
  if (ref > 0) {
    yield* walkLeaves(store, store.inner[ref * INNER_STRIDE + LEFT]!)
    yield* walkLeaves(store, store.inner[ref * INNER_STRIDE + RIGHT]!)
    return
  }
  yield { path: store.leafPath(~ref), value: store.leafValue[~ref]!, weight: store.leafWeight(~ref) }
}
