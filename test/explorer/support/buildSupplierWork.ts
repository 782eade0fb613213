/**
 * A supplier's off-chain work for one session, built with the protocol modules as a relay miner would:
 * relays signed by the gateway (request) and the supplier's operator (response), the mined ones in a
 * sum trie, the claim, and the weighted proof of the leaf the proof seed draws.
 */
import { bytesToHex, type Hex, hexToBytes } from '../../../src/protocol/bytes/bytes.ts'
import { sha256 } from '../../../src/protocol/bytes/sha256.ts'
import { isRelayMined } from '../../../src/protocol/difficulty/isRelayMined.ts'
import { computeRelayHash } from '../../../src/protocol/relay/computeRelayHash.ts'
import { encodeRelay } from '../../../src/protocol/relay/encodeRelay.ts'
import type { RelayRequest, SessionHeader } from '../../../src/protocol/relay/types.ts'
import { computeClaimHash } from '../../../src/protocol/settlement/computeClaimHash.ts'
import { computeRelayComputeUnits } from '../../../src/protocol/settlement/computeRelayComputeUnits.ts'
import { computeWeightedDrawSeed } from '../../../src/protocol/settlement/computeWeightedDrawSeed.ts'
import { hashRelayRequest } from '../../../src/protocol/signature/hashRelayRequest.ts'
import { privateKeyToAddress } from '../../../src/protocol/signature/privateKeyToAddress.ts'
import { signRelayRequest } from '../../../src/protocol/signature/signRelayRequest.ts'
import { signRelayResponse } from '../../../src/protocol/signature/signRelayResponse.ts'
import type { RelayDomain } from '../../../src/protocol/signature/typedData.ts'
import { encodeWeightedProof } from '../../../src/protocol/smst/encodeWeightedProof.ts'
import { SparseMerkleSumTrie } from '../../../src/protocol/smst/SparseMerkleSumTrie.ts'

export type Pricing = { cuPerRequest: bigint; cuPerInputToken: bigint; cuPerOutputToken: bigint }

export type SupplierWork = {
  claim: { session: SessionHeader; supplierOperator: Hex; root: Hex }
  minedRelays: number
  proof(proofSeed: Hex): Hex
}

export type BuildSupplierWorkParameters = {
  header: SessionHeader
  domain: RelayDomain
  gatewayKey: Hex
  operatorKey: Hex
  pricing: Pricing
  target: bigint
  /** How many mined relays to end up with (relays that miss the target are served but not claimed). */
  relays: number
  nonceBase: bigint
}

/**
 * Serves relays (usage varies per relay) until `relays` of them are mined, and returns the claim. Session
 * ids, and so relay hashes, depend on block hashes, so a fixed number of served relays would give a
 * varying number of mined ones.
 *
 * @example
 * const work = buildSupplierWork({ header, domain, gatewayKey, operatorKey, pricing, target, relays: 8, nonceBase: 0n })
 */
export function buildSupplierWork(p: BuildSupplierWorkParameters): SupplierWork {
  const trie = new SparseMerkleSumTrie({ valueHasher: 'none' })
  const supplier = privateKeyToAddress(p.operatorKey).toLowerCase() as Hex
  let minedRelays = 0
  for (let i = 0; minedRelays < p.relays; i++) {
    if (i >= 10_000) throw new Error('the difficulty target is too low for a test')
    const nonce = p.nonceBase + BigInt(i)
    const request: RelayRequest = {
      session: p.header,
      supplier,
      payloadHash: bytesToHex(sha256(new TextEncoder().encode(`request ${nonce}`))),
      maxInputTokens: 512,
      maxOutputTokens: 1024,
      nonce,
    }
    const response = {
      requestHash: hashRelayRequest(p.domain, request),
      payloadHash: bytesToHex(sha256(new TextEncoder().encode(`response ${nonce}`))),
      inputTokens: 40 + 13 * (i % 9),
      outputTokens: 200 + 97 * (i % 9),
      status: 200,
    }
    const relay = {
      request,
      requestSignature: signRelayRequest(p.gatewayKey, p.domain, request),
      response,
      responseSignature: signRelayResponse(p.operatorKey, p.domain, response),
    }
    const bytes = encodeRelay(relay)
    const relayHash = computeRelayHash(bytes)
    if (!isRelayMined(relayHash, p.target)) continue
    minedRelays++
    const weight = computeRelayComputeUnits({ pricing: p.pricing, usage: response, bounds: request })
    trie.update(relayHash, bytes, weight)
  }
  const claim = { session: p.header, supplierOperator: supplier, root: bytesToHex(trie.root()) }
  return {
    claim,
    minedRelays,
    proof(proofSeed) {
      const claimHash = computeClaimHash({
        sessionHeader: p.header,
        supplierOperator: supplier,
        root: claim.root,
      })
      const drawSeed = computeWeightedDrawSeed(proofSeed, claimHash)
      return bytesToHex(encodeWeightedProof(trie.proveWeighted(hexToBytes(drawSeed))))
    },
  }
}
