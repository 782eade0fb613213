import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { RelayRequest, RelayResponse } from '../../protocol/relay/types.ts'
import { recoverRelayResponseSigner } from '../../protocol/signature/recoverRelayResponseSigner.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import { SdkInvalidRelayResponseError } from '../errors.ts'

const HEX32 = /^0x[0-9a-fA-F]{64}$/
const HEX65 = /^0x[0-9a-fA-F]{130}$/

/**
 * Verifies a supplier's `{ response, responseSignature }` against the relay sent and the payload
 * received: request hash, payload hash, status 200, usage within the signed bounds and equal to the
 * body's usage (cut to the bounds), and the signer is the supplier.
 *
 * @param parameters - domain, request and its digest, the received payload hash, the signed part, the body's usage
 * @returns the verified response
 * @throws {SdkInvalidRelayResponseError} naming the failed check
 * @example
 * verifySignedResponse({ domain, request, requestHash, payloadHash, signed, usage: body.usage })
 */
export function verifySignedResponse(parameters: {
  domain: RelayDomain
  request: RelayRequest
  requestHash: Hex
  payloadHash: Hex
  signed: unknown
  usage: { prompt_tokens?: number; completion_tokens?: number } | undefined
}): RelayResponse {
  const { request } = parameters
  const signed = parameters.signed as { response?: RelayResponse; responseSignature?: Hex } | undefined
  const response = signed?.response
  if (!response || !HEX32.test(String(response.requestHash)) || !HEX65.test(String(signed.responseSignature)))
    throw new SdkInvalidRelayResponseError({ check: 'malformed' })
  if (response.requestHash.toLowerCase() !== parameters.requestHash.toLowerCase())
    throw new SdkInvalidRelayResponseError({ check: 'request-hash' })
  if (String(response.payloadHash).toLowerCase() !== parameters.payloadHash.toLowerCase())
    throw new SdkInvalidRelayResponseError({ check: 'payload-hash' })
  if (response.status !== 200) throw new SdkInvalidRelayResponseError({ check: 'status' })
  if (response.inputTokens > request.maxInputTokens || response.outputTokens > request.maxOutputTokens)
    throw new SdkInvalidRelayResponseError({ check: 'usage-bounds' })
  const { usage } = parameters
  if (
    usage &&
    (Math.min(usage.prompt_tokens ?? 0, request.maxInputTokens) !== response.inputTokens ||
      Math.min(usage.completion_tokens ?? 0, request.maxOutputTokens) !== response.outputTokens)
  )
    throw new SdkInvalidRelayResponseError({ check: 'usage-mismatch' })
  let signer: Hex
  try {
    signer = recoverRelayResponseSigner(parameters.domain, response, signed.responseSignature!)
  } catch {
    throw new SdkInvalidRelayResponseError({ check: 'signer' })
  }
  if (signer !== request.supplier.toLowerCase()) throw new SdkInvalidRelayResponseError({ check: 'signer' })
  return response
}
