import { randomFillSync } from 'node:crypto'
import { bytesToHex, type Hex } from '../../protocol/bytes/bytes.ts'
import { hashRequestPayload } from '../../protocol/relay/hashRequestPayload.ts'
import { relayRequestToJson } from '../../protocol/relay/relayRequestToJson.ts'
import type { RelayRequest, SessionHeader } from '../../protocol/relay/types.ts'
import { relayRequestDigestBytes } from '../../protocol/signature/hashRelayRequest.ts'
import { privateKeyBytes } from '../../protocol/signature/privateKeyBytes.ts'
import { signDigestBytes } from '../../protocol/signature/signDigest.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'

/** The OpenAI-style HTTP request a relay carries; its hash is the request's payloadHash (spec §2.1). */
export type RelayPayload = { method: string; path: string; body: unknown }

export type BuildRelayEnvelopeParameters = {
  domain: RelayDomain
  header: SessionHeader
  /** The supplier's operator address. */
  supplier: Hex
  payload: RelayPayload
  maxInputTokens: number
  maxOutputTokens: number
  /** The application's key (centralized) or the gateway's (delegated). */
  signerKey: Hex
  /** Default: 8 random bytes, so identical prompts are distinct relays. */
  nonce?: bigint
}

/** A signed relay ready to send, and what its answer is checked against. */
export type SignedRelayEnvelope = {
  request: RelayRequest
  /** The request's EIP-712 digest: the response must carry it as `requestHash`. */
  requestHash: Hex
  /** The JSON body of `POST /v1/relay` (uint64 fields as decimal strings). */
  json: {
    request: ReturnType<typeof relayRequestToJson>
    requestSignature: Hex
    payload: RelayPayload
  }
}

/**
 * Builds and signs one relay request for a supplier: hashes the payload (spec §2.1), fills the session
 * header and bounds, signs the EIP-712 digest (spec §4) and returns the wire body of `POST /v1/relay`.
 * The digest is computed once and reused as the expected `requestHash` of the answer.
 *
 * @param parameters - domain, session header, supplier, payload, bounds, signer key, nonce
 * @returns the request, its digest and the JSON envelope
 * @example
 * const relay = buildRelayEnvelope({ domain, header, supplier, payload, maxInputTokens: 512, maxOutputTokens: 64, signerKey })
 * await fetch(`${endpoint}/v1/relay`, { method: 'POST', body: JSON.stringify(relay.json) })
 */
export function buildRelayEnvelope(parameters: BuildRelayEnvelopeParameters): SignedRelayEnvelope {
  const request: RelayRequest = {
    session: parameters.header,
    supplier: parameters.supplier,
    payloadHash: hashRequestPayload(parameters.payload),
    maxInputTokens: parameters.maxInputTokens,
    maxOutputTokens: parameters.maxOutputTokens,
    nonce: parameters.nonce ?? randomNonce(),
  }
  const digest = relayRequestDigestBytes(parameters.domain, request)
  const signature = signDigestBytes(privateKeyBytes(parameters.signerKey), digest)
  const requestSignature = bytesToHex(signature.subarray(0, 65))
  return {
    request,
    requestHash: bytesToHex(digest),
    json: { request: relayRequestToJson(request), requestSignature, payload: parameters.payload },
  }
}

// Nonces are drawn 8 bytes at a time from a buffer refilled when spent: one call into the CSPRNG per
// 512 relays instead of one per relay (it showed in the gateway's CPU profile).
const noncePool = Buffer.alloc(4096)
let noncePoolOffset = noncePool.length

function randomNonce(): bigint {
  if (noncePoolOffset === noncePool.length) {
    randomFillSync(noncePool)
    noncePoolOffset = 0
  }
  const nonce = noncePool.readBigUInt64BE(noncePoolOffset)
  noncePoolOffset += 8
  return nonce
}
