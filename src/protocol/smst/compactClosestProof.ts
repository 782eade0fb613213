import { compactSumProof } from './compactSumProof.ts'
import type { ClosestProof, CompactClosestProof } from './types.ts'

/**
 * Compacts a closest proof's inner sum proof (pokt-network/smt `CompactClosestProof`).
 *
 * @param proof - a closest proof
 * @returns the same proof with placeholder side nodes replaced by a bitmask
 * @example
 * decompactClosestProof(compactClosestProof(proof)) // equals proof
 */
export function compactClosestProof(proof: ClosestProof): CompactClosestProof {
  return { ...proof, closestProof: compactSumProof(proof.closestProof) }
}
