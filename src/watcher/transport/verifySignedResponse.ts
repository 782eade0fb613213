import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { RelayResponse } from '../../protocol/relay/types.ts'
import { recoverRelayResponseSigner } from '../../protocol/signature/recoverRelayResponseSigner.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import { ProbeFailedError } from '../errors.ts'
import type { ProbeRelay } from './probeRelay.ts'

const hexPattern = (bytes: number) => new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`)

/**
 * Checks a supplier's signed relay response against the probe: it names this request and the bytes
 * received, reports status 200, and is signed by the supplier the relay was addressed to. Whatever fails
 * is the supplier's fault.
 *
 * @param parameters - domain, the probe's relay, the received payload hash, the `{ response, responseSignature }` object.
 * @returns the verified response (its token counts are the signed usage).
 * @throws {ProbeFailedError} naming the check that failed.
 * @example
 * const response = verifySignedResponse({ domain, relay, receivedPayloadHash, signed })
 */
export function verifySignedResponse(parameters: {
  domain: RelayDomain
  relay: ProbeRelay
  receivedPayloadHash: Hex
  signed: unknown
}): RelayResponse {
  const signed = parameters.signed as
    | { response?: Partial<RelayResponse>; responseSignature?: unknown }
    | undefined
  const response = signed?.response
  const fail = (reason: string) =>
    new ProbeFailedError({ reason: `signed response ${reason}`, fault: 'supplier' })
  if (
    !response ||
    typeof signed?.responseSignature !== 'string' ||
    !hexPattern(65).test(signed.responseSignature)
  )
    throw fail('is missing or malformed')
  if (String(response.requestHash).toLowerCase() !== parameters.relay.requestHash.toLowerCase())
    throw fail('names another request')
  if (String(response.payloadHash).toLowerCase() !== parameters.receivedPayloadHash.toLowerCase())
    throw fail('does not cover the bytes received')
  if (response.status !== 200) throw fail(`reports status ${response.status}`)
  let signer: Hex
  try {
    signer = recoverRelayResponseSigner(
      parameters.domain,
      response as RelayResponse,
      signed.responseSignature as Hex,
    )
  } catch {
    throw fail('signature does not recover')
  }
  if (signer !== parameters.relay.request.supplier.toLowerCase()) throw fail('is signed by another key')
  return response as RelayResponse
}
