import type { Hex } from '../bytes/bytes.ts'
import type { RelayRequest } from '../relay/types.ts'
import type { InvalidPrivateKeyError } from './errors.ts'
import type { HashRelayRequestErrorType } from './hashRelayRequest.ts'
import { relayRequestDigestBytes } from './hashRelayRequest.ts'
import { privateKeyBytes } from './privateKeyBytes.ts'
import { signDigestBytes } from './signDigest.ts'
import type { RelayDomain } from './typedData.ts'

export type SignRelayRequestReturnType = Hex
export type SignRelayRequestErrorType = InvalidPrivateKeyError | HashRelayRequestErrorType

/**
 * Signs a relay request (spec §4) as the application or a gateway it delegated to. Equals viem's
 * `signTypedData` with `relayTypes` and primary type `RelayRequest`.
 *
 * @param privateKey - the application's or gateway's key, 32 bytes as hex.
 * @param domain - chain id and verifying contract.
 * @param request - the relay request.
 * @returns 65 bytes `r ‖ s ‖ v` as hex.
 * @throws {InvalidPrivateKeyError} a bad key; ENCODING errors for fields that do not fit their types.
 *
 * @example
 * const requestSignature = signRelayRequest(gatewayKey, domain, request)
 */
export function signRelayRequest(privateKey: Hex, domain: RelayDomain, request: RelayRequest): Hex {
  const signature = signDigestBytes(privateKeyBytes(privateKey), relayRequestDigestBytes(domain, request))
  return `0x${Buffer.from(signature.buffer, signature.byteOffset, 65).toString('hex')}`
}
