import type { Hex } from '../bytes/bytes.ts'
import type { RelayResponse } from '../relay/types.ts'
import type { HashRelayResponseErrorType } from './hashRelayResponse.ts'
import { relayResponseDigestBytes } from './hashRelayResponse.ts'
import type { RecoverDigestSignerErrorType } from './recoverDigestSigner.ts'
import { recoverDigestSignerBytes, signatureBytes } from './recoverDigestSigner.ts'
import type { RelayDomain } from './typedData.ts'

export type RecoverRelayResponseSignerReturnType = Hex
export type RecoverRelayResponseSignerErrorType = RecoverDigestSignerErrorType | HashRelayResponseErrorType

/**
 * Recovers who signed a relay response (should be the supplier's operator address).
 *
 * @param domain - chain id and verifying contract.
 * @param response - the relay response.
 * @param signature - the response signature, 65 bytes as hex.
 * @returns the signer's address in lower case.
 * @throws the SIGNATURE errors of `recoverDigestSigner`; ENCODING errors for fields that do not fit.
 *
 * @example
 * const isSupplier = recoverRelayResponseSigner(domain, relay.response, relay.responseSignature) === supplier
 */
export function recoverRelayResponseSigner(
  domain: RelayDomain,
  response: RelayResponse,
  signature: Hex,
): Hex {
  const sig = signatureBytes(signature)
  return recoverDigestSignerBytes(relayResponseDigestBytes(domain, response), sig)
}
