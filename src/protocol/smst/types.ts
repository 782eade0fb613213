/**
 * Proof shapes of the sum trie. Field names follow pokt-network/smt v0.14.1 (`SparseMerkleProof`,
 * `SparseCompactMerkleProof`, `SparseMerkleClosestProof`); side nodes are 48-byte digests ordered
 * bottom-up (`sideNodes[0]` is the deepest sibling).
 */

/** Membership or non-membership proof for one key (`SparseMerkleProof` without `SiblingData`). */
export type SumProof = {
  sideNodes: Uint8Array[]
  /** `0x00 ‖ path ‖ leafData ‖ weight ‖ count` of the different leaf met on the path; absent otherwise. */
  nonMembershipLeafData: Uint8Array | undefined
}

/** `SumProof` with placeholder side nodes left out and marked in a bitmask. */
export type CompactSumProof = {
  sideNodes: Uint8Array[]
  nonMembershipLeafData: Uint8Array | undefined
  /** ceil(numSideNodes / 8) bytes; bit i (MSB-first) set ⇔ side node i is the placeholder. */
  bitMask: Uint8Array
  numSideNodes: number
}

/** Proof of the leaf closest to a 32-byte path (pokt's `ProveClosest`). */
export type ClosestProof = {
  /** The challenge path (not hashed again). */
  path: Uint8Array
  /** Depths at which the walk found the path's side empty and took the other one, increasing. */
  flippedBits: number[]
  /** Depth of the leaf reached = number of side nodes. */
  depth: number
  /** Path of the leaf reached (the 48-byte placeholder for an empty trie). */
  closestPath: Uint8Array
  /** The leaf's stored data followed by weight and count (8 bytes each); absent for an empty trie. */
  closestValueHash: Uint8Array | undefined
  closestProof: SumProof
}

/** `ClosestProof` whose inner proof is compacted. */
export type CompactClosestProof = Omit<ClosestProof, 'closestProof'> & { closestProof: CompactSumProof }

/** A leaf as revealed by a proof. */
export type SumTrieLeaf = {
  /** 32-byte path = sha256(key). */
  path: Uint8Array
  /** The stored leaf data: the value itself with valueHasher `'none'`, sha256(value) otherwise. */
  value: Uint8Array
  weight: bigint
}

/** Proof of the leaf drawn in proportion to weight (docs/protocol.md §7.6), side nodes bottom-up. */
export type WeightedProof = SumTrieLeaf & { sideNodes: Uint8Array[] }
