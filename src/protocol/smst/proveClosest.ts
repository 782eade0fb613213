import { DIGEST_BYTES, PATH_BYTES } from './constants.ts'
import { flipPathBit, getPathBit } from './getPathBit.ts'
import { INNER_STRIDE, type NodeStore } from './NodeStore.ts'
import { encodeLeaf } from './proveSum.ts'
import { readNodeDigests } from './readNodeDigest.ts'
import type { ClosestProof } from './types.ts'

/**
 * Proof of the leaf closest to `path` with pokt-network/smt `ProveClosest` semantics: follow the path's
 * bits; where the path's side is empty, flip the bit (recorded in `flippedBits`) and take the other side;
 * stop at the first leaf. The store must be hashed.
 *
 * @param store - the hashed trie nodes
 * @param path - a 32-byte challenge path (validated by the caller)
 * @returns the closest proof; for an empty trie `flippedBits = [0]`, `depth = 0`, `closestPath` = the
 *   48-byte placeholder, as the Go library returns
 */
export function proveClosest(store: NodeStore, path: Uint8Array): ClosestProof {
  const working = Uint8Array.from(path)
  if (store.root === 0)
    return {
      path: Uint8Array.from(path),
      flippedBits: [0],
      depth: 0,
      closestPath: new Uint8Array(DIGEST_BYTES),
      closestValueHash: undefined,
      closestProof: { sideNodes: [], nonMembershipLeafData: undefined },
    }
  const flippedBits: number[] = []
  const siblings: number[] = []
  let ref = store.root
  let depth = 0
  while (ref > 0) {
    let slot = ref * INNER_STRIDE + getPathBit(working, depth)
    if (store.inner[slot] === 0) {
      flipPathBit(working, depth)
      flippedBits.push(depth)
      slot ^= 1
    }
    siblings.push(store.inner[slot ^ 1]!)
    ref = store.inner[slot]!
    depth++
  }
  const leaf = ~ref
  return {
    path: Uint8Array.from(path),
    flippedBits,
    depth,
    closestPath: store.leafPath(leaf),
    // the Go library's ClosestValueHash for a sum trie: leafData ‖ weight ‖ count
    closestValueHash: encodeLeaf(store, leaf).subarray(1 + PATH_BYTES),
    closestProof: {
      sideNodes: readNodeDigests(store, siblings.reverse()),
      nonMembershipLeafData: undefined,
    },
  }
}
