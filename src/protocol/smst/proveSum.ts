import { LEAF_PREFIX, PATH_BYTES } from './constants.ts'
import { firstDifferingBit } from './findLeaf.ts'
import { INNER_STRIDE, LEAF_STRIDE, type NodeStore } from './NodeStore.ts'
import { readNodeDigests } from './readNodeDigest.ts'
import type { SumProof } from './types.ts'

/**
 * Membership or non-membership proof for `path` (pokt `Prove`): the siblings met walking down the
 * path, bottom-up, and the encoded leaf when the walk ends at a different leaf. The store must be hashed.
 *
 * @param store - the hashed trie nodes
 * @param path - the 32-byte path
 * @returns the proof
 */
export function proveSum(store: NodeStore, path: Uint8Array): SumProof {
  const siblings: number[] = []
  let ref = store.root
  let depth = 0
  while (ref > 0) {
    const slot = ref * INNER_STRIDE + ((path[depth >> 3]! >> (7 - (depth & 7))) & 1)
    siblings.push(store.inner[slot ^ 1]!)
    ref = store.inner[slot]!
    depth++
  }
  const sideNodes = readNodeDigests(store, siblings.reverse())
  let nonMembershipLeafData: Uint8Array | undefined
  if (ref < 0 && firstDifferingBit(store.leafBytes, ~ref * LEAF_STRIDE, path, 0) !== 256)
    nonMembershipLeafData = encodeLeaf(store, ~ref)
  return { sideNodes, nonMembershipLeafData }
}

/** `0x00 ‖ path ‖ leafData ‖ weight ‖ count`, the Go library's encoded SMST leaf. */
export function encodeLeaf(store: NodeStore, leaf: number): Uint8Array {
  const value = store.leafValue[leaf]!
  const out = new Uint8Array(1 + PATH_BYTES + value.length + 16)
  const view = new DataView(out.buffer)
  out[0] = LEAF_PREFIX
  out.set(store.leafPath(leaf), 1)
  out.set(value, 1 + PATH_BYTES)
  view.setBigUint64(out.length - 16, store.leafWeight(leaf))
  view.setUint32(out.length - 4, 1)
  return out
}
