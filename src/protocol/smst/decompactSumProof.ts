import { DIGEST_BYTES, MAX_DEPTH } from './constants.ts'
import { SmstInvalidProofError } from './errors.ts'
import { isPlaceholder } from './isPlaceholder.ts'
import type { CompactSumProof, SumProof } from './types.ts'

/**
 * Expands a compact sum proof (pokt-network/smt `DecompactProof`), checking its shape: at most 256 side
 * nodes, a bitmask of exactly ceil(n/8) bytes with no bits set past n, one 48-byte non-placeholder
 * node per clear bit.
 *
 * @param proof - a compact proof
 * @returns the full proof
 * @throws SmstInvalidProofError when the shape is inconsistent
 * @example
 * decompactSumProof(compactSumProof(proof))
 */
export function decompactSumProof(proof: CompactSumProof): SumProof {
  const n = proof.numSideNodes
  if (!Number.isInteger(n) || n < 0 || n > MAX_DEPTH) throw invalid(`numSideNodes ${n} is outside [0, 256]`)
  if (proof.bitMask.length !== Math.ceil(n / 8)) throw invalid('bitmask length is not ceil(numSideNodes / 8)')
  const sideNodes: Uint8Array[] = []
  let next = 0
  for (let i = 0; i < proof.bitMask.length * 8; i++) {
    const isSet = (proof.bitMask[i >> 3]! & (0x80 >> (i & 7))) !== 0
    if (i >= n) {
      if (isSet) throw invalid('bitmask has bits set past numSideNodes')
      continue
    }
    if (isSet) sideNodes.push(new Uint8Array(DIGEST_BYTES))
    else sideNodes.push(takeNode(proof, next++))
  }
  if (next !== proof.sideNodes.length) throw invalid('more side nodes than clear bitmask bits')
  return { sideNodes, nonMembershipLeafData: proof.nonMembershipLeafData }
}

function takeNode(proof: CompactSumProof, index: number): Uint8Array {
  const node = proof.sideNodes[index]
  if (node === undefined) throw invalid('fewer side nodes than clear bitmask bits')
  if (node.length !== DIGEST_BYTES || isPlaceholder(node))
    throw invalid('a listed side node is not a 48-byte digest')
  return node
}

function invalid(reason: string): SmstInvalidProofError {
  return new SmstInvalidProofError({ reason })
}
