import { computeInnerDigest } from './computeInnerDigest.ts'
import { DIGEST_BYTES, MAX_DEPTH } from './constants.ts'
import { getPathBit } from './getPathBit.ts'

export type ComputeRootFromLeafReturnType = {
  /** The recomputed 48-byte root. */
  root: Uint8Array
  /** Sum of the left siblings passed on the way up: the weight lying left of the leaf (§7.6). */
  leftSum: bigint
}

/**
 * Recomputes a root from a leaf digest and its side nodes (bottom-up), placing the running digest on
 * the side given by `path`'s bit at each level, as pokt-network/smt `VerifyProof`. Strict where Go is
 * lax: side nodes must be exactly 48 bytes, at most 256 of them, and no sum or count may overflow.
 *
 * @param leafDigest - the 48-byte digest at the bottom
 * @param path - the 32-byte path that orders the climb
 * @param sideNodes - sibling digests, deepest first
 * @returns the root and the sum of left siblings, or `undefined` when the proof is malformed
 * @example
 * computeRootFromLeaf(computeLeafDigest(path, value, weight), path, proof.sideNodes)
 */
export function computeRootFromLeaf(
  leafDigest: Uint8Array,
  path: Uint8Array,
  sideNodes: readonly Uint8Array[],
): ComputeRootFromLeafReturnType | undefined {
  const depth = sideNodes.length
  if (depth > MAX_DEPTH || path.length !== 32) return undefined
  let current: Uint8Array | undefined = leafDigest
  let leftHi = 0
  let leftLo = 0
  for (let i = 0; i < depth && current !== undefined; i++) {
    const side = sideNodes[i]!
    if (side.length !== DIGEST_BYTES) return undefined
    if (getPathBit(path, depth - 1 - i) === 0) current = computeInnerDigest(current, side)
    else {
      // the sibling's sum as uint32 halves added in doubles (≤ 256 · 2^32, exact): no bigint per level
      leftHi += readUint32(side, 32)
      leftLo += readUint32(side, 36)
      current = computeInnerDigest(side, current)
    }
  }
  return current === undefined
    ? undefined
    : { root: current, leftSum: (BigInt(leftHi) << 32n) + BigInt(leftLo) }
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!
}
