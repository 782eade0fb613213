import { PATH_BYTES } from './constants.ts'
import { INNER_STRIDE, LEAF_STRIDE, type NodeStore } from './NodeStore.ts'

/**
 * The leaf id holding `path`, or -1. Walks the path bits from the root; a shortcut leaf met on the way
 * is the answer only if its full path matches.
 *
 * @param store - the trie's nodes
 * @param path - a 32-byte path
 * @returns the leaf id, or -1 when absent
 */
export function findLeaf(store: NodeStore, path: Uint8Array): number {
  const inner = store.inner
  let ref = store.root
  let depth = 0
  while (ref > 0) {
    const bit = (path[depth >> 3]! >> (7 - (depth & 7))) & 1
    ref = inner[ref * INNER_STRIDE + bit]!
    depth++
  }
  if (ref === 0) return -1
  return firstDifferingBit(store.leafBytes, ~ref * LEAF_STRIDE, path, 0) === 256 ? ~ref : -1
}

/**
 * The first bit ≥ `fromBit` at which the stored path (at `offset` in `paths`) and `path` differ,
 * or 256 when they are equal from `fromBit` on.
 */
export function firstDifferingBit(
  paths: Uint8Array,
  offset: number,
  path: Uint8Array,
  fromBit: number,
): number {
  for (let byte = fromBit >> 3; byte < PATH_BYTES; byte++) {
    let diff = paths[offset + byte]! ^ path[byte]!
    // bits above fromBit in its first byte are already known to be equal
    if (byte === fromBit >> 3) diff &= 0xff >> (fromBit & 7)
    if (diff !== 0) return byte * 8 + Math.clz32(diff) - 24
  }
  return 256
}
