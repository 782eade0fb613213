import { firstDifferingBit } from './findLeaf.ts'
import {
  DIRTY,
  INNER_STRIDE,
  LEAF_DIRTY,
  LEAF_HI,
  LEAF_LO,
  LEAF_STRIDE,
  type NodeStore,
} from './NodeStore.ts'

/**
 * Inserts or replaces the leaf at `path`, keeping the trie canonical (each leaf at the shallowest depth
 * where its subtree holds it alone). Marks every node on the path dirty; hashing happens later.
 * Child slots are LEFT = 0 and RIGHT = 1, so a path bit indexes its child directly.
 *
 * @param store - the trie's nodes
 * @param path - the 32-byte path (copied)
 * @param value - the leaf data (kept by reference)
 * @param weightHi - high 32 bits of the weight
 * @param weightLo - low 32 bits of the weight
 * @returns the replaced leaf's previous weight, or -1n when the leaf is new
 */
export function insertLeaf(
  store: NodeStore,
  path: Uint8Array,
  value: Uint8Array,
  weightHi: number,
  weightLo: number,
): bigint {
  const inner = store.inner
  let slot = -1 // index in `inner` of the child slot that leads to `ref`; -1 = the root
  let ref = store.root
  let depth = 0
  while (ref > 0) {
    const at = ref * INNER_STRIDE
    inner[at + DIRTY] = 1
    slot = at + ((path[depth >> 3]! >> (7 - (depth & 7))) & 1)
    ref = inner[slot]!
    depth++
  }
  if (ref === 0) {
    attach(store, slot, ~store.allocLeaf(path, value, weightHi, weightLo))
    return -1n
  }
  const old = ~ref
  const diff = firstDifferingBit(store.leafBytes, old * LEAF_STRIDE, path, depth)
  if (diff === 256) return replaceLeaf(store, old, value, weightHi, weightLo)
  const added = ~store.allocLeaf(path, value, weightHi, weightLo)
  attach(store, slot, buildSplit(store, path, ref, added, depth, diff))
  return -1n
}

/** Overwrites a leaf's value and weight, returning the old weight. */
function replaceLeaf(store: NodeStore, leaf: number, value: Uint8Array, hi: number, lo: number): bigint {
  const previous = store.leafWeight(leaf)
  const word = leaf * (LEAF_STRIDE / 4)
  store.leafValue[leaf] = value
  store.leafWords[word + LEAF_HI] = hi
  store.leafWords[word + LEAF_LO] = lo
  store.leafWords[word + LEAF_DIRTY] = 1
  return previous
}

/**
 * Builds the chain of inner nodes from `depth` down to `diff`, the first bit where the two leaves'
 * paths differ: single-child nodes above, the fork at `diff`. Returns the chain's top reference.
 */
function buildSplit(
  store: NodeStore,
  path: Uint8Array,
  oldRef: number,
  newRef: number,
  depth: number,
  diff: number,
): number {
  let node = store.allocInner()
  const newSide = (path[diff >> 3]! >> (7 - (diff & 7))) & 1
  store.inner[node * INNER_STRIDE + newSide] = newRef
  store.inner[node * INNER_STRIDE + (newSide ^ 1)] = oldRef
  for (let d = diff - 1; d >= depth; d--) {
    const up = store.allocInner()
    // above the fork both paths share bit d, so the chain runs along it with an empty sibling
    store.inner[up * INNER_STRIDE + ((path[d >> 3]! >> (7 - (d & 7))) & 1)] = node
    node = up
  }
  return node
}

/** Points a child slot (an index into `store.inner`, or -1 for the root) at `ref`. */
export function attach(store: NodeStore, slot: number, ref: number): void {
  if (slot < 0) store.root = ref
  else store.inner[slot] = ref
}
