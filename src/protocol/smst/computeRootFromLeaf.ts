import { DIGEST_BYTES, INNER_PREFIX, MAX_DEPTH } from './constants.ts'
import { getPathBit } from './getPathBit.ts'
import { sha256Into } from './sha256Into.ts'

export type ComputeRootFromLeafReturnType = {
  /** The recomputed 48-byte root. */
  root: Uint8Array
  /** Sum of the left siblings passed on the way up: the weight lying left of the leaf (§7.6). */
  leftSum: bigint
}

// 0x01 ‖ left(48) ‖ right(48) ‖ sum(8) ‖ count(8), reused for every level: the climb allocates nothing
const preimage = new Uint8Array(1 + 2 * DIGEST_BYTES + 16)
const view = new DataView(preimage.buffer)

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
  if (depth > MAX_DEPTH || path.length !== 32 || leafDigest.length !== DIGEST_BYTES) return undefined
  const current = leafDigest.slice()
  preimage[0] = INNER_PREFIX
  let leftHi = 0
  let leftLo = 0
  for (let i = 0; i < depth; i++) {
    const side = sideNodes[i]!
    if (side.length !== DIGEST_BYTES) return undefined
    const isRight = getPathBit(path, depth - 1 - i) === 1
    preimage.set(isRight ? side : current, 1)
    preimage.set(isRight ? current : side, 1 + DIGEST_BYTES)
    if (isRight) {
      // the left sibling's sum as uint32 halves added in doubles (≤ 256 · 2^32, exact): no bigint per level
      leftHi += view.getUint32(33)
      leftLo += view.getUint32(37)
    }
    if (!addUint64(33, 81, 97) || !addUint64(41, 89, 105)) return undefined
    sha256Into(preimage, current, 0)
    current.set(preimage.subarray(97), 32)
  }
  return { root: current, leftSum: (BigInt(leftHi) << 32n) + BigInt(leftLo) }
}

/** preimage[to..to+8] = preimage[a..a+8] + preimage[b..b+8] as uint64 BE; false on overflow. */
function addUint64(a: number, b: number, to: number): boolean {
  let lo = view.getUint32(a + 4) + view.getUint32(b + 4)
  let hi = view.getUint32(a) + view.getUint32(b)
  if (lo > 0xffffffff) {
    lo -= 0x100000000
    hi += 1
  }
  if (hi > 0xffffffff) return false
  view.setUint32(to, hi)
  view.setUint32(to + 4, lo)
  return true
}
