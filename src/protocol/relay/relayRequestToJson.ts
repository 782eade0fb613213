import type { RelayRequest } from './types.ts'

/**
 * The JSON form of a relay request on the wire: uint64 fields as decimal strings, because JSON numbers
 * lose precision above 2^53 (docs/relayminer.md, "Wire format"). One definition for every signer
 * (gateway, SDK, watcher) and for the relayminer that reads it back.
 *
 * @param request - the relay request
 * @returns a JSON-safe object
 * @example
 * JSON.stringify({ request: relayRequestToJson(request), requestSignature, payload })
 */
export function relayRequestToJson(request: RelayRequest) {
  const { session } = request
  return {
    session: {
      application: session.application,
      serviceId: session.serviceId,
      sessionId: session.sessionId,
      sessionStartHeight: session.sessionStartHeight.toString(),
      sessionEndHeight: session.sessionEndHeight.toString(),
    },
    supplier: request.supplier,
    payloadHash: request.payloadHash,
    maxInputTokens: request.maxInputTokens,
    maxOutputTokens: request.maxOutputTokens,
    nonce: request.nonce.toString(),
  }
}
