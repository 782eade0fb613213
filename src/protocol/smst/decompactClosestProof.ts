import { decompactSumProof } from './decompactSumProof.ts'
import type { ClosestProof, CompactClosestProof } from './types.ts'

/**
 * Expands a compact closest proof (pokt-network/smt `DecompactClosestProof`).
 *
 * @param proof - a compact closest proof
 * @returns the full proof
 * @throws SmstInvalidProofError when the compact shape is inconsistent
 */
export function decompactClosestProof(proof: CompactClosestProof): ClosestProof {
  return { ...proof, closestProof: decompactSumProof(proof.closestProof) }
}
