import { bytesToHex, type Hex } from '../../protocol/bytes/bytes.ts'
import { isRelayMined } from '../../protocol/difficulty/isRelayMined.ts'
import { computeRelayHash } from '../../protocol/relay/computeRelayHash.ts'
import { encodeRelay } from '../../protocol/relay/encodeRelay.ts'
import type { RelayRequest, RelayResponse } from '../../protocol/relay/types.ts'
import { computeRelayComputeUnits } from '../../protocol/settlement/computeRelayComputeUnits.ts'
import { relayResponseDigestBytes } from '../../protocol/signature/hashRelayResponse.ts'
import { signDigestBytes } from '../../protocol/signature/signDigest.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import type { OnchainSession } from '../ports.ts'
import type { RelayUsage } from './invokeBackend.ts'

export type FinalizeRelayParameters = {
  domain: RelayDomain
  request: RelayRequest
  requestSignature: Hex
  requestDigest: Uint8Array
  /** The response payloadHash (spec §2.2). */
  payloadHash: Hex
  /** What the backend reported. */
  usage: RelayUsage
  session: OnchainSession
  /** The operator's private key (32 bytes, already checked by `privateKeyBytes`). */
  operatorKey: Uint8Array
}

/** A signed relay, ready to acknowledge. */
export type FinalizedRelay = {
  response: RelayResponse
  responseSignature: Hex
  relayBytes: Uint8Array
  relayHash: Uint8Array
  isMined: boolean
  computeUnits: bigint
  /** Whether the backend's usage exceeded a signed bound and was cut to it. */
  isUsageClamped: boolean
}

/**
 * Builds and signs the relay response, encodes the relay, and decides whether it is mined.
 * Usage above a signed bound is cut to the bound (the supplier is then paid less than it served, never
 * more than the application authorised), so every signed relay is valid under spec §7.1.
 *
 * @param parameters - the verified request, response payload hash, usage, session, key
 * @returns the signed response, relay bytes and hash, mining decision and compute units
 * @example
 * const relay = finalizeRelay({ domain, request, requestSignature, requestDigest, payloadHash, usage, session, operatorKey })
 */
export function finalizeRelay(parameters: FinalizeRelayParameters): FinalizedRelay {
  const { request, usage, session } = parameters
  const inputTokens = Math.min(usage.inputTokens, request.maxInputTokens)
  const outputTokens = Math.min(usage.outputTokens, request.maxOutputTokens)
  const response: RelayResponse = {
    requestHash: bytesToHex(parameters.requestDigest),
    payloadHash: parameters.payloadHash,
    inputTokens,
    outputTokens,
    status: 200,
  }
  const signature = signDigestBytes(
    parameters.operatorKey,
    relayResponseDigestBytes(parameters.domain, response),
  )
  const responseSignature = bytesToHex(signature)
  const relayBytes = encodeRelay({
    request,
    requestSignature: parameters.requestSignature,
    response,
    responseSignature,
  })
  const relayHash = computeRelayHash(relayBytes)
  const computeUnits = computeRelayComputeUnits({
    pricing: session.pricing,
    usage: response,
    bounds: request,
  })
  return {
    response,
    responseSignature,
    relayBytes,
    relayHash,
    isMined: isRelayMined(relayHash, session.difficultyTarget),
    computeUnits,
    isUsageClamped: inputTokens !== usage.inputTokens || outputTokens !== usage.outputTokens,
  }
}
