import type { RelayResponse } from '../../protocol/relay/types.ts'
import {
  type VerifyRelayResponseParameters,
  verifyRelayResponse as verifyRelayResponseResult,
} from '../../protocol/relay/verifyRelayResponse.ts'
import { InvalidRelayResponseError } from '../errors.ts'

export type { ReportedUsage } from '../../protocol/relay/verifyRelayResponse.ts'

/**
 * Checks a supplier's signed response against what the gateway sent and received (the protocol's
 * `verifyRelayResponse`: request hash, payload hash, status 200, usage bounds and body usage, signer) and
 * throws the gateway's error when a check fails. Any failure is the supplier's fault.
 *
 * @param parameters - domain, request, expected hashes, the signed part, the body's usage
 * @returns the verified response
 * @throws {InvalidRelayResponseError} naming the check that failed
 * @example
 * const response = verifyRelayResponse({ domain, request, requestHash, receivedPayloadHash, signed, reportedUsage })
 */
export function verifyRelayResponse(parameters: VerifyRelayResponseParameters): RelayResponse {
  const result = verifyRelayResponseResult(parameters)
  if (!result.isValid)
    throw new InvalidRelayResponseError({
      check: result.check,
      ...(result.details === undefined ? {} : { details: result.details }),
    })
  return result.response
}
