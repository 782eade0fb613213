import type { Hex } from '../bytes/bytes.ts'
import type { RelayRequest } from '../relay/types.ts'
import type { HashRelayRequestErrorType } from './hashRelayRequest.ts'
import { relayRequestDigestBytes } from './hashRelayRequest.ts'
import type { RecoverDigestSignerErrorType } from './recoverDigestSigner.ts'
import { recoverDigestSignerBytes, signatureBytes } from './recoverDigestSigner.ts'
import type { RelayDomain } from './typedData.ts'

export type RecoverRelayRequestSignerReturnType = Hex
export type RecoverRelayRequestSignerErrorType = RecoverDigestSignerErrorType | HashRelayRequestErrorType

/**
 * Recovers who signed a relay request (the application, or a gateway it delegated to): the digest is
 * hand-rolled and the recovery native, about 20× viem's `recoverTypedDataAddress`. A supplier that also
 * needs the digest for its response's `requestHash` calls `hashRelayRequest` and `recoverDigestSigner`
 * instead, to hash once.
 *
 * @param domain - chain id and verifying contract.
 * @param request - the relay request.
 * @param signature - the request signature, 65 bytes as hex.
 * @returns the signer's address in lower case.
 * @throws the SIGNATURE errors of `recoverDigestSigner`; ENCODING errors for fields that do not fit.
 *
 * @example
 * const signer = recoverRelayRequestSigner(domain, relay.request, relay.requestSignature)
 * const isAuthorised = signer === application || delegatedGateways.includes(signer)
 */
export function recoverRelayRequestSigner(domain: RelayDomain, request: RelayRequest, signature: Hex): Hex {
  const sig = signatureBytes(signature)
  return recoverDigestSignerBytes(relayRequestDigestBytes(domain, request), sig)
}
