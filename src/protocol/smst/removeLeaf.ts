import { MAX_DEPTH } from './constants.ts'
import { firstDifferingBit } from './findLeaf.ts'
import { attach } from './insertLeaf.ts'
import { DIRTY, INNER_STRIDE, LEAF_STRIDE, type NodeStore } from './NodeStore.ts'

// The child slots (indices into `store.inner`) taken on the walk; reused so delete allocates nothing.
const slots = new Int32Array(MAX_DEPTH + 1)

/**
 * Removes the leaf at `path` and collapses the nodes above it so the trie stays canonical: a subtree
 * left holding one leaf becomes that (shortcut) leaf, as after a fresh build. Marks the surviving
 * ancestors dirty.
 *
 * @param store - the trie's nodes
 * @param path - the 32-byte path
 * @returns the removed leaf's weight, or -1n when no leaf has this path (nothing changes)
 */
export function removeLeaf(store: NodeStore, path: Uint8Array): bigint {
  const inner = store.inner
  let ref = store.root
  let depth = 0
  while (ref > 0) {
    const slot = ref * INNER_STRIDE + ((path[depth >> 3]! >> (7 - (depth & 7))) & 1)
    slots[depth] = slot
    ref = inner[slot]!
    depth++
  }
  if (ref === 0 || firstDifferingBit(store.leafBytes, ~ref * LEAF_STRIDE, path, 0) !== 256) return -1n
  const weight = store.leafWeight(~ref)
  store.freeLeaf(~ref)
  collapse(store, depth)
  return weight
}

/** Walks back up from the removed leaf's slot, folding single-leaf subtrees into their leaf. */
function collapse(store: NodeStore, depth: number): void {
  const inner = store.inner
  let replacement = 0
  let level = depth - 1
  for (; level >= 0; level--) {
    const slot = slots[level]!
    const other = inner[slot ^ 1]! // LEFT = 0 and RIGHT = 1 sit at an even offset: ^1 is the sibling
    // exactly one child left and it is a leaf: the node disappears and the leaf moves up
    let single = 0
    if (replacement === 0 && other < 0) single = other
    else if (replacement < 0 && other === 0) single = replacement
    if (single === 0) break
    replacement = single
    store.freeInner((slot - (slot & 1)) / INNER_STRIDE)
  }
  attach(store, level < 0 ? -1 : slots[level]!, replacement)
  for (let d = 0; d <= level; d++) inner[slots[d]! - (slots[d]! & 1) + DIRTY] = 1
}
