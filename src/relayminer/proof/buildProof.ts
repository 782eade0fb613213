import { bytesToHex, type Hex, hexToBytes } from '../../protocol/bytes/bytes.ts'
import { computeClaimHash } from '../../protocol/settlement/computeClaimHash.ts'
import { computeClaimTokens } from '../../protocol/settlement/computeClaimTokens.ts'
import { computeWeightedDrawSeed } from '../../protocol/settlement/computeWeightedDrawSeed.ts'
import { isProofRequired } from '../../protocol/settlement/isProofRequired.ts'
import { encodeWeightedProof } from '../../protocol/smst/encodeWeightedProof.ts'
import type { SparseMerkleSumTrie } from '../../protocol/smst/SparseMerkleSumTrie.ts'
import type { OnchainSession } from '../ports.ts'

/** The proof a claim needs, if any. */
export type BuiltProof = { isRequired: false } | { isRequired: true; proof: Hex }

/**
 * Decides whether a claim needs a proof (spec §7.5) and, if so, builds it (§7.6): the claim hash over
 * (header, supplier, root), the requirement drawn from `sha256(claimHash ‖ proofSeed)` or the value
 * threshold, and the leaf drawn in proportion to weight from `sha256(proofSeed ‖ claimHash)`, packed
 * for the ledger (protocol §8).
 *
 * @param parameters - the session, supplier, claimed root, its trie and the proof seed
 * @returns `{ isRequired: false }` or the packed proof
 * @example
 * const built = buildProof({ session, supplier, root, trie, proofSeed })
 * if (built.isRequired) await ledger.submitProof(supplier, { sessionHeader, root, proof: built.proof })
 */
export function buildProof(parameters: {
  session: OnchainSession
  supplier: Hex
  root: Hex
  trie: SparseMerkleSumTrie
  proofSeed: Hex
}): BuiltProof {
  const { session, supplier, root, trie, proofSeed } = parameters
  const claimHash = computeClaimHash({ sessionHeader: session.header, supplierOperator: supplier, root })
  const claimTokens = computeClaimTokens({
    claimedComputeUnits: trie.sum(),
    difficultyTarget: session.difficultyTarget,
    cuToToken: session.cuToToken,
  })
  const isRequired = isProofRequired({
    claimTokens,
    threshold: session.proofRequirementThreshold,
    probability: session.proofRequestProbability,
    claimHash,
    proofSeed,
  })
  if (!isRequired) return { isRequired: false }
  const drawSeed = hexToBytes(computeWeightedDrawSeed(proofSeed, claimHash))
  return { isRequired: true, proof: bytesToHex(encodeWeightedProof(trie.proveWeighted(drawSeed))) }
}
