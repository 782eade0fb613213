import { INNER_STRIDE, LEAF_HI, LEAF_LO, LEAF_STRIDE, type NodeStore } from './NodeStore.ts'
import { readNodeDigests, readNodeSum } from './readNodeDigest.ts'
import type { WeightedProof } from './types.ts'

/**
 * Proof of the leaf drawn in proportion to weight (docs/protocol.md §7.6): `r = drawIndex`; at each
 * inner node with left sum L go left if r < L, else r −= L and go right. The store must be hashed
 * and `drawIndex` must be below the root sum.
 *
 * @param store - the hashed trie nodes
 * @param drawIndex - uint256(drawSeed) mod rootSum
 * @param rootSum - the trie's sum
 * @returns the drawn leaf with its side nodes, bottom-up
 */
export function proveWeighted(store: NodeStore, drawIndex: bigint, rootSum: bigint): WeightedProof {
  const siblings: number[] = []
  // sums below 2^53 are exact as doubles; bigint arithmetic allocates on every level
  const ref =
    rootSum <= BigInt(Number.MAX_SAFE_INTEGER)
      ? descendSafe(store, Number(drawIndex), siblings)
      : descendBig(store, drawIndex, siblings)
  const leaf = ~ref
  return {
    path: store.leafPath(leaf),
    value: store.leafValue[leaf]!,
    weight: store.leafWeight(leaf),
    sideNodes: readNodeDigests(store, siblings.reverse()),
  }
}

function descendSafe(store: NodeStore, drawIndex: number, siblings: number[]): number {
  let r = drawIndex
  let ref = store.root
  while (ref > 0) {
    const slot = ref * INNER_STRIDE
    const leftSum = sumOf(store, store.inner[slot]!)
    const side = r < leftSum ? 0 : 1
    if (side === 1) r -= leftSum
    siblings.push(store.inner[slot + (side ^ 1)]!)
    ref = store.inner[slot + side]!
  }
  return ref
}

function descendBig(store: NodeStore, drawIndex: bigint, siblings: number[]): number {
  let r = drawIndex
  let ref = store.root
  while (ref > 0) {
    const slot = ref * INNER_STRIDE
    const leftSum = readNodeSum(store, store.inner[slot]!)
    const side = r < leftSum ? 0 : 1
    if (side === 1) r -= leftSum
    siblings.push(store.inner[slot + (side ^ 1)]!)
    ref = store.inner[slot + side]!
  }
  return ref
}

/** A node's sum as a double (exact while the trie's sum is below 2^53). */
function sumOf(store: NodeStore, ref: number): number {
  if (ref === 0) return 0
  if (ref < 0) {
    const word = ~ref * (LEAF_STRIDE / 4)
    return store.leafWords[word + LEAF_HI]! * 0x100000000 + store.leafWords[word + LEAF_LO]!
  }
  return store.innerSum[ref * 2]! * 0x100000000 + store.innerSum[ref * 2 + 1]!
}
