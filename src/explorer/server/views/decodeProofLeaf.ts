import { bytesToHex, type Hex, hexToBytes } from '../../../protocol/bytes/bytes.ts'
import { computeRelayHash } from '../../../protocol/relay/computeRelayHash.ts'
import { decodeRelay } from '../../../protocol/relay/decodeRelay.ts'
import { recoverRelayRequestSigner } from '../../../protocol/signature/recoverRelayRequestSigner.ts'
import { recoverRelayResponseSigner } from '../../../protocol/signature/recoverRelayResponseSigner.ts'
import type { RelayDomain } from '../../../protocol/signature/typedData.ts'
import { decodeWeightedProof } from '../../../protocol/smst/decodeWeightedProof.ts'
import type { LeafView } from '../../api/types.ts'

/**
 * Opens the revealed leaf of a proof (spec §8.2): the drawn relay's both signed headers, with the
 * addresses their signatures recover to. Only payload hashes are on-chain, never prompts or completions.
 *
 * @param proof - the packed weighted proof a `submitProof` transaction carried
 * @param domain - the EIP-712 domain (chain id and the `Proofs` contract) to recover signers under
 * @returns the leaf
 * @throws the protocol's decode errors when the bytes are not a proof of a canonical relay
 * @example
 * decodeProofLeaf(await data.getSubmittedProof(txHash), { chainId, verifyingContract: proofs })
 */
export function decodeProofLeaf(proof: Hex, domain: RelayDomain): LeafView {
  const decoded = decodeWeightedProof(hexToBytes(proof))
  const relay = decodeRelay(decoded.value)
  const { request, response } = relay
  return {
    relayHash: bytesToHex(computeRelayHash(decoded.value)),
    path: bytesToHex(decoded.path),
    weight: decoded.weight.toString(),
    depth: decoded.sideNodes.length,
    request: {
      application: request.session.application,
      serviceId: request.session.serviceId,
      supplier: request.supplier,
      payloadHash: request.payloadHash,
      maxInputTokens: request.maxInputTokens,
      maxOutputTokens: request.maxOutputTokens,
      nonce: request.nonce.toString(),
      signer: attempt(() => recoverRelayRequestSigner(domain, request, relay.requestSignature)),
    },
    response: {
      requestHash: response.requestHash,
      payloadHash: response.payloadHash,
      inputTokens: response.inputTokens,
      outputTokens: response.outputTokens,
      status: response.status,
      signer: attempt(() => recoverRelayResponseSigner(domain, response, relay.responseSignature)),
    },
  }
}

// A signature that does not recover is shown as "unrecoverable" rather than failing the page: the
// ledger accepted the proof, so this only happens if the domain given here is wrong.
function attempt(recover: () => Hex): Hex | null {
  try {
    return recover().toLowerCase() as Hex
  } catch {
    return null
  }
}
