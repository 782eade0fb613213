import type { Hex } from '../bytes/bytes.ts'
import type { RelayResponse } from '../relay/types.ts'
import type { InvalidPrivateKeyError } from './errors.ts'
import type { HashRelayResponseErrorType } from './hashRelayResponse.ts'
import { relayResponseDigestBytes } from './hashRelayResponse.ts'
import { privateKeyBytes } from './privateKeyBytes.ts'
import { signDigestBytes } from './signDigest.ts'
import type { RelayDomain } from './typedData.ts'

export type SignRelayResponseReturnType = Hex
export type SignRelayResponseErrorType = InvalidPrivateKeyError | HashRelayResponseErrorType

/**
 * Signs a relay response (spec §4) with the supplier's operator key. Equals viem's `signTypedData` with
 * `relayTypes` and primary type `RelayResponse`.
 *
 * @param privateKey - the supplier operator's key, 32 bytes as hex.
 * @param domain - chain id and verifying contract.
 * @param response - the relay response (its `requestHash` is `hashRelayRequest` of the request).
 * @returns 65 bytes `r ‖ s ‖ v` as hex.
 * @throws {InvalidPrivateKeyError} a bad key; ENCODING errors for fields that do not fit their types.
 *
 * @example
 * const responseSignature = signRelayResponse(operatorKey, domain, response)
 */
export function signRelayResponse(privateKey: Hex, domain: RelayDomain, response: RelayResponse): Hex {
  const signature = signDigestBytes(privateKeyBytes(privateKey), relayResponseDigestBytes(domain, response))
  return `0x${Buffer.from(signature.buffer, signature.byteOffset, 65).toString('hex')}`
}
