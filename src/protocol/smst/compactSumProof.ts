import { isPlaceholder } from './isPlaceholder.ts'
import type { CompactSumProof, SumProof } from './types.ts'

/**
 * Compacts a sum proof as pokt-network/smt `CompactProof`: placeholder side nodes are dropped and
 * marked in a bitmask of ceil(n/8) bytes, bit i (MSB-first) for side node i.
 *
 * @param proof - a sum proof
 * @returns the compact proof
 * @example
 * decompactSumProof(compactSumProof(proof)) // equals proof
 */
export function compactSumProof(proof: SumProof): CompactSumProof {
  const numSideNodes = proof.sideNodes.length
  const bitMask = new Uint8Array(Math.ceil(numSideNodes / 8))
  const sideNodes: Uint8Array[] = []
  proof.sideNodes.forEach((node, i) => {
    if (isPlaceholder(node)) bitMask[i >> 3]! |= 0x80 >> (i & 7)
    else sideNodes.push(node)
  })
  return { sideNodes, nonMembershipLeafData: proof.nonMembershipLeafData, bitMask, numSideNodes }
}
