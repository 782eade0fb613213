import { randomBytes } from 'node:crypto'
import type { ChatCompletionRequest } from '../../inference/index.ts'
import { bytesToHex, type Hex } from '../../protocol/bytes/bytes.ts'
import { hashRequestPayload } from '../../protocol/relay/hashRequestPayload.ts'
import { relayRequestToJson } from '../../protocol/relay/relayRequestToJson.ts'
import type { RelayRequest, SessionHeader } from '../../protocol/relay/types.ts'
import { relayRequestDigestBytes } from '../../protocol/signature/hashRelayRequest.ts'
import { privateKeyBytes } from '../../protocol/signature/privateKeyBytes.ts'
import { signDigestBytes } from '../../protocol/signature/signDigest.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'

/** A signed relay carrying one probe, and what its answer is checked against. */
export type ProbeRelay = {
  request: RelayRequest
  /** The request's EIP-712 digest: the signed response must name it. */
  requestHash: Hex
  /** The body of `POST /v1/relay` (uint64 fields as decimal strings, docs/relayminer.md). */
  envelope: {
    request: Record<string, unknown>
    requestSignature: Hex
    payload: { method: string; path: string; body: unknown }
  }
}

/**
 * Wraps a probe in a relay exactly as a gateway wraps a user's request: payload hashed (spec §2.1),
 * bounds derived the same way (input: the body's bytes plus 64, capped; output: the request's limit),
 * a random nonce, and the signer's EIP-712 signature (spec §4).
 *
 * @param parameters - domain, session header, supplier, the probe, the signer's key, the input cap.
 * @returns the relay request, its digest and the wire envelope.
 * @example
 * const relay = buildProbeRelay({ domain, header, supplier, body, signerKey, maxInputTokens: 8192 })
 */
export function buildProbeRelay(parameters: {
  domain: RelayDomain
  header: SessionHeader
  supplier: Hex
  body: ChatCompletionRequest
  signerKey: Hex
  maxInputTokens: number
  defaultMaxOutputTokens: number
}): ProbeRelay {
  const payload = { method: 'POST', path: '/v1/chat/completions', body: parameters.body as unknown }
  const bodyBytes = Buffer.byteLength(JSON.stringify(parameters.body), 'utf8')
  const request: RelayRequest = {
    session: parameters.header,
    supplier: parameters.supplier,
    payloadHash: hashRequestPayload(payload),
    maxInputTokens: Math.min(parameters.maxInputTokens, bodyBytes + 64),
    maxOutputTokens:
      parameters.body.max_completion_tokens ??
      parameters.body.max_tokens ??
      parameters.defaultMaxOutputTokens,
    nonce: randomBytes(8).readBigUInt64BE(),
  }
  const digest = relayRequestDigestBytes(parameters.domain, request)
  const requestSignature = bytesToHex(signDigestBytes(privateKeyBytes(parameters.signerKey), digest))
  return {
    request,
    requestHash: bytesToHex(digest),
    envelope: { request: relayRequestToJson(request), requestSignature, payload },
  }
}
