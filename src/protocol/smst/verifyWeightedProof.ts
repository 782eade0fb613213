import { equalBytes } from '../bytes/bytes.ts'
import { computeDrawIndex } from './computeDrawIndex.ts'
import { computeLeafDigest } from './computeLeafDigest.ts'
import { computeRootFromLeaf } from './computeRootFromLeaf.ts'
import { DIGEST_BYTES, MAX_UINT64, PATH_BYTES } from './constants.ts'
import { SmstInvalidPathError, SmstInvalidProofError, SmstInvalidRootError } from './errors.ts'
import type { SumTrieLeaf, WeightedProof } from './types.ts'

/**
 * Verifies a weight-proportional proof (docs/protocol.md §7.6, §8): recomputes the root from the leaf
 * (count 1) and its side nodes, then checks that the draw lands on this leaf. The descent "go left if
 * r < L, else r −= L" picks the leaf whose weight interval [leftSum, leftSum + weight) contains
 * r = uint256(drawSeed) mod rootSum, where leftSum is the sum of the left siblings on its path; so
 * one bottom-up pass checks both the root and the draw.
 *
 * @param proof - from `proveWeighted` or `decodeWeightedProof`
 * @param root - the claimed 48-byte root (hash ‖ sum ‖ count)
 * @param drawSeed - the 32-byte draw seed
 * @returns the revealed leaf (path, stored value, weight)
 * @throws SmstInvalidProofError when the proof is malformed, does not recompute `root`, or is not the
 *   drawn leaf; SmstInvalidRootError / SmstInvalidPathError for a wrong-size root or seed
 * @example
 * const leaf = verifyWeightedProof(decodeWeightedProof(bytes), claim.root, drawSeed)
 */
export function verifyWeightedProof(
  proof: WeightedProof,
  root: Uint8Array,
  drawSeed: Uint8Array,
): SumTrieLeaf {
  if (root.length !== DIGEST_BYTES) throw new SmstInvalidRootError({ length: root.length })
  if (drawSeed.length !== 32) throw new SmstInvalidPathError({ length: drawSeed.length, what: 'draw seed' })
  const { path, value, weight, sideNodes } = proof
  if (path.length !== PATH_BYTES) throw invalid(`leaf path has ${path.length} bytes`)
  if (weight <= 0n || weight > MAX_UINT64) throw invalid('leaf weight must be in [1, 2^64 − 1]')
  const rootSum = new DataView(root.buffer, root.byteOffset, DIGEST_BYTES).getBigUint64(32)
  if (rootSum === 0n) throw invalid('the root sum is zero: nothing can be drawn')
  const computed = computeRootFromLeaf(computeLeafDigest(path, value, weight), path, sideNodes)
  if (computed === undefined) throw invalid('malformed side nodes or sum overflow')
  if (!equalBytes(computed.root, root)) throw invalid('the proof does not recompute the root')
  const r = computeDrawIndex(drawSeed, rootSum)
  if (r < computed.leftSum || r >= computed.leftSum + weight)
    throw invalid(
      `draw index ${r} is outside the leaf's interval [${computed.leftSum}, ${computed.leftSum + weight})`,
    )
  return { path, value, weight }
}

function invalid(reason: string): SmstInvalidProofError {
  return new SmstInvalidProofError({ reason })
}
