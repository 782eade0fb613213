import type { Hex } from '../bytes/bytes.ts'
import { recoverRelayResponseSigner } from '../signature/recoverRelayResponseSigner.ts'
import type { RelayDomain } from '../signature/typedData.ts'
import type { RelayRequest, RelayResponse } from './types.ts'

/** Which check a supplier's signed response failed. */
export type RelayResponseCheck =
  | 'malformed'
  | 'request-hash'
  | 'payload-hash'
  | 'status'
  | 'usage-bounds'
  | 'usage-mismatch'
  | 'signer'

/** Usage as the OpenAI body reported it (absent when the body had none). */
export type ReportedUsage = { prompt_tokens?: number; completion_tokens?: number } | undefined

export type VerifyRelayResponseParameters = {
  domain: RelayDomain
  /** The relay request as it was signed and sent. */
  request: RelayRequest
  /** The request's EIP-712 digest, computed when it was signed. */
  requestHash: Hex
  /** The payloadHash of what was actually received (spec §2.2). */
  receivedPayloadHash: Hex
  /** The `{ response, responseSignature }` object the supplier sent, as parsed from the wire. */
  signed: unknown
  /** The usage the answer's body carried, checked against the signed usage. */
  reportedUsage: ReportedUsage
}

/** The verified response (hex in lower case), or the first check that failed. */
export type VerifyRelayResponseReturnType =
  | { isValid: true; response: RelayResponse }
  | { isValid: false; check: RelayResponseCheck; details?: string }

const HEX32 = /^0x[0-9a-fA-F]{64}$/
const HEX65 = /^0x[0-9a-fA-F]{130}$/

/**
 * Checks a supplier's signed relay response against the request sent and the bytes received: it is well
 * formed, covers this request (`requestHash`) and what was received (`payloadHash`), reports status 200,
 * stays within the signed token bounds, claims the usage the body reported (cut to the bounds, as a
 * relayminer cuts it), and recovers to the supplier named in the request. Every failure is the
 * supplier's fault. Pure: the gateway, the SDK and the CLI wrap the result in their own typed errors.
 *
 * @param parameters - domain, request, its digest, the received payload hash, the signed part, the body's usage
 * @returns `{ isValid: true, response }` or `{ isValid: false, check }` naming the first failed check
 * @example
 * const result = verifyRelayResponse({ domain, request, requestHash, receivedPayloadHash, signed, reportedUsage: body.usage })
 * if (!result.isValid) throw new Error(`bad relay response: ${result.check}`)
 */
export function verifyRelayResponse(
  parameters: VerifyRelayResponseParameters,
): VerifyRelayResponseReturnType {
  const { request } = parameters
  const signed = parameters.signed as { response?: unknown; responseSignature?: unknown } | undefined
  const response = readResponse(signed?.response)
  const signature = signed?.responseSignature
  if (!response || typeof signature !== 'string' || !HEX65.test(signature))
    return { isValid: false, check: 'malformed' }
  if (response.requestHash !== parameters.requestHash.toLowerCase())
    return { isValid: false, check: 'request-hash' }
  if (response.payloadHash !== parameters.receivedPayloadHash.toLowerCase())
    return { isValid: false, check: 'payload-hash' }
  if (response.status !== 200) return { isValid: false, check: 'status', details: `${response.status}` }
  if (response.inputTokens > request.maxInputTokens || response.outputTokens > request.maxOutputTokens)
    return { isValid: false, check: 'usage-bounds' }
  const usage = parameters.reportedUsage
  if (usage) {
    const input = Math.min(usage.prompt_tokens ?? 0, request.maxInputTokens)
    const output = Math.min(usage.completion_tokens ?? 0, request.maxOutputTokens)
    if (input !== response.inputTokens || output !== response.outputTokens)
      return {
        isValid: false,
        check: 'usage-mismatch',
        details: `signed ${response.inputTokens}/${response.outputTokens}, body ${input}/${output}`,
      }
  }
  let signer: Hex
  try {
    signer = recoverRelayResponseSigner(parameters.domain, response, signature as Hex)
  } catch {
    return { isValid: false, check: 'signer', details: 'signature does not recover' }
  }
  if (signer !== request.supplier.toLowerCase()) return { isValid: false, check: 'signer' }
  return { isValid: true, response }
}

// The signed fields with their wire types (bytes32 hex, uint32 token counts, uint16 status), or undefined.
function readResponse(value: unknown): RelayResponse | undefined {
  const response = value as Partial<Record<keyof RelayResponse, unknown>> | undefined
  if (typeof response !== 'object' || response === null) return undefined
  const { requestHash, payloadHash, inputTokens, outputTokens, status } = response
  if (typeof requestHash !== 'string' || !HEX32.test(requestHash)) return undefined
  if (typeof payloadHash !== 'string' || !HEX32.test(payloadHash)) return undefined
  if (!isUint(inputTokens, 0xffff_ffff) || !isUint(outputTokens, 0xffff_ffff) || !isUint(status, 0xffff))
    return undefined
  return {
    requestHash: requestHash.toLowerCase() as Hex,
    payloadHash: payloadHash.toLowerCase() as Hex,
    inputTokens,
    outputTokens,
    status,
  }
}

function isUint(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max
}
