import { DIGEST_BYTES, MAX_DEPTH, MAX_UINT64, PATH_BYTES } from './constants.ts'
import { SmstInvalidProofError } from './errors.ts'
import { isPlaceholder } from './isPlaceholder.ts'
import type { WeightedProof } from './types.ts'
import {
  BITMAP_OFFSET,
  COUNT_OFFSET,
  PATH_OFFSET,
  WEIGHT_OFFSET,
  WEIGHTED_PROOF_VERSION,
} from './weightedProofFormat.ts'

/**
 * Packs a weighted proof for the ledger (docs/protocol.md §8.2): fixed header, placeholder bitmap,
 * the non-placeholder 48-byte side nodes exactly as they enter the SHA-256 preimages, then the value.
 *
 * @param proof - from `proveWeighted`
 * @returns the encoding (≈ 47 + ceil(n/8) + 48·k + value bytes)
 * @throws SmstInvalidProofError when a field does not fit the format
 * @example
 * const bytes = encodeWeightedProof(trie.proveWeighted(drawSeed))
 */
export function encodeWeightedProof(proof: WeightedProof): Uint8Array {
  const { path, value, weight, sideNodes } = proof
  const n = sideNodes.length
  if (path.length !== PATH_BYTES) throw invalid('leaf path must be 32 bytes')
  if (weight < 0n || weight > MAX_UINT64) throw invalid('weight must be a uint64')
  if (n > MAX_DEPTH) throw invalid('more than 256 side nodes')
  if (value.length > 0xffffffff) throw invalid('value longer than 2^32 − 1 bytes')
  const bitmapBytes = Math.ceil(n / 8)
  const kept = sideNodes.filter((node) => !isPlaceholder(node))
  if (kept.some((node) => node.length !== DIGEST_BYTES)) throw invalid('side nodes must be 48 bytes')
  const valueOffset = BITMAP_OFFSET + bitmapBytes + kept.length * DIGEST_BYTES
  const out = new Uint8Array(valueOffset + 4 + value.length)
  const view = new DataView(out.buffer)
  out[0] = WEIGHTED_PROOF_VERSION
  out.set(path, PATH_OFFSET)
  view.setBigUint64(WEIGHT_OFFSET, weight)
  view.setUint16(COUNT_OFFSET, n)
  sideNodes.forEach((node, i) => {
    if (isPlaceholder(node)) out[BITMAP_OFFSET + (i >> 3)]! |= 0x80 >> (i & 7)
  })
  kept.forEach((node, i) => {
    out.set(node, BITMAP_OFFSET + bitmapBytes + i * DIGEST_BYTES)
  })
  view.setUint32(valueOffset, value.length)
  out.set(value, valueOffset + 4)
  return out
}

function invalid(reason: string): SmstInvalidProofError {
  return new SmstInvalidProofError({ reason })
}
