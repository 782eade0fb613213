import { equalBytes, type Hex, hexToBytes } from '../../protocol/bytes/bytes.ts'
import { sha256 } from '../../protocol/bytes/sha256.ts'
import { isRelayMined } from '../../protocol/difficulty/isRelayMined.ts'
import { decodeRelay } from '../../protocol/relay/decodeRelay.ts'
import { computeClaimHash } from '../../protocol/settlement/computeClaimHash.ts'
import { computeRelayComputeUnits } from '../../protocol/settlement/computeRelayComputeUnits.ts'
import { computeWeightedDrawSeed } from '../../protocol/settlement/computeWeightedDrawSeed.ts'
import { hashRelayRequest } from '../../protocol/signature/hashRelayRequest.ts'
import { recoverRelayRequestSigner } from '../../protocol/signature/recoverRelayRequestSigner.ts'
import { recoverRelayResponseSigner } from '../../protocol/signature/recoverRelayResponseSigner.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import { decodeWeightedProof } from '../../protocol/smst/decodeWeightedProof.ts'
import { verifyWeightedProof } from '../../protocol/smst/verifyWeightedProof.ts'
import type { OnchainSession, ProofSubmission } from '../ports.ts'

/** Inputs of `checkMemoryProof`. */
export type CheckMemoryProofParameters = {
  onchain: OnchainSession
  supplier: Hex
  domain: RelayDomain
  claim: { root: Hex }
  proof: ProofSubmission
  proofSeed: Hex
  isAuthorizedSigner: (signer: Hex) => boolean
}

/**
 * The checks the ledger makes on a proof (DESIGN §3 "Proofs"), for the memory ledger: the drawn leaf
 * recomputes the claimed root, its key is the relay's hash, the relay is for this session and supplier,
 * both signatures are by authorised keys, the relay is mined and its weight is its compute units.
 *
 * @param parameters - the session, the claim and the submitted proof
 * @throws Error naming the first failed check
 * @example
 * checkMemoryProof({ onchain, supplier, domain, claim, proof, proofSeed })
 */
export function checkMemoryProof(parameters: CheckMemoryProofParameters): void {
  const { onchain, supplier, domain, proof } = parameters
  const claimHash = computeClaimHash({
    sessionHeader: onchain.header,
    supplierOperator: supplier,
    root: proof.root,
  })
  const drawSeed = hexToBytes(computeWeightedDrawSeed(parameters.proofSeed, claimHash))
  const leaf = verifyWeightedProof(
    decodeWeightedProof(hexToBytes(proof.proof)),
    hexToBytes(proof.root),
    drawSeed,
  )
  const relayHash = sha256(leaf.value)
  if (!equalBytes(sha256(relayHash), leaf.path)) throw new Error('the leaf key is not the relay hash')
  const relay = decodeRelay(leaf.value)
  if (relay.request.session.sessionId !== onchain.header.sessionId)
    throw new Error('relay of another session')
  if (relay.request.supplier !== supplier.toLowerCase()) throw new Error('relay of another supplier')
  const signer = recoverRelayRequestSigner(domain, relay.request, relay.requestSignature)
  if (!parameters.isAuthorizedSigner(signer)) throw new Error('request signer not authorised')
  if (relay.response.requestHash !== hashRelayRequest(domain, relay.request))
    throw new Error('wrong requestHash')
  if (recoverRelayResponseSigner(domain, relay.response, relay.responseSignature) !== supplier.toLowerCase())
    throw new Error('response not signed by the supplier')
  if (!isRelayMined(relayHash, onchain.difficultyTarget)) throw new Error('relay not mined')
  const computeUnits = computeRelayComputeUnits({
    pricing: onchain.pricing,
    usage: relay.response,
    bounds: relay.request,
  })
  if (computeUnits !== leaf.weight) throw new Error('leaf weight is not the relay compute units')
}
