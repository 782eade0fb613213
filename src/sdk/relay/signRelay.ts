import { randomBytes } from 'node:crypto'
import { bytesToHex, type Hex } from '../../protocol/bytes/bytes.ts'
import { hashRequestPayload } from '../../protocol/relay/hashRequestPayload.ts'
import type { RelayRequest, SessionHeader } from '../../protocol/relay/types.ts'
import { relayRequestDigestBytes } from '../../protocol/signature/hashRelayRequest.ts'
import { privateKeyBytes } from '../../protocol/signature/privateKeyBytes.ts'
import { signDigestBytes } from '../../protocol/signature/signDigest.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'

/** The OpenAI-style request a relay carries. */
export type RelayPayload = { method: string; path: string; body: unknown }

/** A signed relay: the request, its digest (the answer's expected `requestHash`) and the wire body. */
export type SignedRelay = { request: RelayRequest; requestHash: Hex; json: Record<string, unknown> }

/**
 * Signs a relay request as the application (spec §4) and builds the body of `POST /v1/relay`
 * (uint64 fields as decimal strings).
 *
 * @param parameters - domain, session header, supplier, payload, bounds, application key
 * @returns the signed relay
 * @example
 * const relay = signRelay({ domain, header, supplier, payload, maxInputTokens: 512, maxOutputTokens: 64, key })
 */
export function signRelay(parameters: {
  domain: RelayDomain
  header: SessionHeader
  supplier: Hex
  payload: RelayPayload
  maxInputTokens: number
  maxOutputTokens: number
  key: Uint8Array
}): SignedRelay {
  const { header } = parameters
  const request: RelayRequest = {
    session: header,
    supplier: parameters.supplier,
    payloadHash: hashRequestPayload(parameters.payload),
    maxInputTokens: parameters.maxInputTokens,
    maxOutputTokens: parameters.maxOutputTokens,
    nonce: randomBytes(8).readBigUInt64BE(),
  }
  const digest = relayRequestDigestBytes(parameters.domain, request)
  const requestSignature = bytesToHex(signDigestBytes(parameters.key, digest))
  const json = {
    request: {
      session: {
        ...header,
        sessionStartHeight: header.sessionStartHeight.toString(),
        sessionEndHeight: header.sessionEndHeight.toString(),
      },
      supplier: request.supplier,
      payloadHash: request.payloadHash,
      maxInputTokens: request.maxInputTokens,
      maxOutputTokens: request.maxOutputTokens,
      nonce: request.nonce.toString(),
    },
    requestSignature,
    payload: parameters.payload,
  }
  return { request, requestHash: bytesToHex(digest), json }
}

/** The private key as bytes, validated once. */
export const applicationKeyBytes = (key: Hex): Uint8Array => privateKeyBytes(key)
