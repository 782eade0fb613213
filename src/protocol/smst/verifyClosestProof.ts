import { equalBytes } from '../bytes/bytes.ts'
import { computeLeafDigest } from './computeLeafDigest.ts'
import { computeRootFromLeaf } from './computeRootFromLeaf.ts'
import { DIGEST_BYTES, MAX_DEPTH, PATH_BYTES } from './constants.ts'
import { flipPathBit, getPathBit } from './getPathBit.ts'
import type { ClosestProof } from './types.ts'

/**
 * Verifies a closest proof STRICTLY (docs/protocol.md §8.4): besides pokt-network/smt
 * `VerifyClosestProof` (path = ClosestPath on the first Depth bits once FlippedBits are flipped, and
 * the leaf's inclusion), it binds the proof to the trie's shape, so the prover cannot pick the leaf:
 * Depth = number of side nodes; FlippedBits strictly increasing and below Depth; the sibling at every
 * flipped level is the placeholder (the path's side was really empty). Every honest proof passes.
 *
 * `closestValueHash` is taken as the leaf's stored data ‖ weight ‖ count and is not hashed again
 * (the Go verifier re-applies the value hasher, so it only accepts tries without one).
 *
 * @param proof - from `proveClosest`
 * @param root - the 48-byte root
 * @returns whether the proof is valid for `root`
 * @example
 * verifyClosestProof(trie.proveClosest(path), trie.root())
 */
export function verifyClosestProof(proof: ClosestProof, root: Uint8Array): boolean {
  if (root.length !== DIGEST_BYTES || proof.path.length !== PATH_BYTES) return false
  if (root.every((byte) => byte === 0)) return isHonestEmptyTrieProof(proof)
  const { depth, closestPath, closestValueHash } = proof
  const sideNodes = proof.closestProof.sideNodes
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_DEPTH || depth !== sideNodes.length) return false
  if (closestPath.length !== PATH_BYTES || closestValueHash === undefined || closestValueHash.length < 16)
    return false
  if (proof.closestProof.nonMembershipLeafData !== undefined) return false
  if (!areFlipsHonest(proof)) return false
  const tail = new DataView(
    closestValueHash.buffer,
    closestValueHash.byteOffset + closestValueHash.length - 16,
  )
  if (tail.getBigUint64(8) !== 1n) return false // a real leaf counts one
  const leaf = computeLeafDigest(closestPath, closestValueHash.subarray(0, -16), tail.getBigUint64(0))
  const computed = computeRootFromLeaf(leaf, closestPath, sideNodes)
  return computed !== undefined && equalBytes(computed.root, root)
}

/** FlippedBits increasing, below Depth, at placeholder siblings, and exactly where Path and ClosestPath differ. */
function areFlipsHonest(proof: ClosestProof): boolean {
  const { depth, flippedBits, closestPath } = proof
  const sideNodes = proof.closestProof.sideNodes
  const working = Uint8Array.from(proof.path)
  let previous = -1
  for (const bit of flippedBits) {
    if (!Number.isInteger(bit) || bit <= previous || bit >= depth) return false
    const sibling = sideNodes[depth - 1 - bit]!
    if (sibling.length !== DIGEST_BYTES || !sibling.every((byte) => byte === 0)) return false
    flipPathBit(working, bit)
    previous = bit
  }
  for (let d = 0; d < depth; d++) if (getPathBit(working, d) !== getPathBit(closestPath, d)) return false
  return true
}

/** The Go library's proof for an empty trie: FlippedBits [0], Depth 0, the placeholder as ClosestPath. */
function isHonestEmptyTrieProof(proof: ClosestProof): boolean {
  return (
    proof.depth === 0 &&
    proof.flippedBits.length === 1 &&
    proof.flippedBits[0] === 0 &&
    proof.closestValueHash === undefined &&
    proof.closestProof.sideNodes.length === 0 &&
    proof.closestProof.nonMembershipLeafData === undefined &&
    proof.closestPath.every((byte) => byte === 0)
  )
}
