import type { RelayResponse } from '../../protocol/relay/types.ts'
import {
  type VerifyRelayResponseParameters,
  verifyRelayResponse,
} from '../../protocol/relay/verifyRelayResponse.ts'
import { SdkInvalidRelayResponseError } from '../errors.ts'

/**
 * Verifies a supplier's `{ response, responseSignature }` against the relay sent and the payload
 * received with the protocol's `verifyRelayResponse` (request hash, payload hash, status 200, usage
 * within the signed bounds and equal to the body's usage, signer) and throws the SDK's error on failure.
 *
 * @param parameters - domain, request and its digest, the received payload hash, the signed part, the body's usage
 * @returns the verified response
 * @throws {SdkInvalidRelayResponseError} naming the failed check
 * @example
 * verifySignedResponse({ domain, request, requestHash, receivedPayloadHash, signed, reportedUsage: body.usage })
 */
export function verifySignedResponse(parameters: VerifyRelayResponseParameters): RelayResponse {
  const result = verifyRelayResponse(parameters)
  if (!result.isValid) throw new SdkInvalidRelayResponseError({ check: result.check })
  return result.response
}
