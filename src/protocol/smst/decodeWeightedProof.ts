import { DIGEST_BYTES, MAX_DEPTH } from './constants.ts'
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
 * Unpacks a weighted proof (docs/protocol.md §8.2). Strict, so that each proof has exactly one
 * encoding: version 1, n ≤ 256, no bitmap bits set past n, no listed side node equal to the
 * placeholder, and no trailing bytes.
 *
 * @param bytes - the encoding
 * @returns the proof (views into `bytes`; copy them to keep them past `bytes`)
 * @throws SmstInvalidProofError when the bytes are not a valid encoding
 * @example
 * verifyWeightedProof(decodeWeightedProof(bytes), root, drawSeed)
 */
export function decodeWeightedProof(bytes: Uint8Array): WeightedProof {
  if (bytes.length < BITMAP_OFFSET + 4) throw invalid('shorter than the fixed header')
  if (bytes[0] !== WEIGHTED_PROOF_VERSION) throw invalid(`unknown version ${bytes[0]}`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const n = view.getUint16(COUNT_OFFSET)
  if (n > MAX_DEPTH) throw invalid(`${n} side nodes, at most 256`)
  const bitmap = bytes.subarray(BITMAP_OFFSET, BITMAP_OFFSET + Math.ceil(n / 8))
  const sideNodes: Uint8Array[] = []
  let at = BITMAP_OFFSET + bitmap.length
  for (let i = 0; i < bitmap.length * 8; i++) {
    const isSet = (bitmap[i >> 3]! & (0x80 >> (i & 7))) !== 0
    if (i >= n) {
      if (isSet) throw invalid('bitmap bits set past the side-node count')
    } else if (isSet) sideNodes.push(new Uint8Array(DIGEST_BYTES))
    else {
      if (at + DIGEST_BYTES > bytes.length) throw invalid('truncated side nodes')
      const node = bytes.subarray(at, at + DIGEST_BYTES)
      if (isPlaceholder(node)) throw invalid('a listed side node is the placeholder')
      sideNodes.push(node)
      at += DIGEST_BYTES
    }
  }
  if (at + 4 > bytes.length) throw invalid('truncated value length')
  const valueLength = view.getUint32(at)
  if (at + 4 + valueLength !== bytes.length) throw invalid('value length does not match the remaining bytes')
  return {
    path: bytes.subarray(PATH_OFFSET, PATH_OFFSET + 32),
    weight: view.getBigUint64(WEIGHT_OFFSET),
    sideNodes,
    value: bytes.subarray(at + 4),
  }
}

function invalid(reason: string): SmstInvalidProofError {
  return new SmstInvalidProofError({ reason })
}
