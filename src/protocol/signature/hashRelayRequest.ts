import { bytesToHex, type Hex } from '../bytes/bytes.ts'
import type { IntegerOutOfRangeError, InvalidFieldError, InvalidHexError } from '../relay/errors.ts'
import type { RelayRequest } from '../relay/types.ts'
import { domainSeparatorBytes } from './computeDomainSeparator.ts'
import { relayRequestStructBytes } from './hashRelayRequestStruct.ts'
import type { RelayDomain } from './typedData.ts'
import { typedDataDigest } from './typedDataDigest.ts'

/** The digest as bytes (no hex round trip on the verify path). */
export function relayRequestDigestBytes(domain: RelayDomain, request: RelayRequest): Uint8Array {
  return typedDataDigest(domainSeparatorBytes(domain), relayRequestStructBytes(request))
}

export type HashRelayRequestReturnType = Hex
export type HashRelayRequestErrorType = IntegerOutOfRangeError | InvalidFieldError | InvalidHexError

/**
 * The EIP-712 digest of a relay request (spec §4): what the application or gateway signs, and the
 * `requestHash` the supplier puts in its response. Identical to viem's `hashTypedData`, about 10× faster.
 *
 * @param domain - chain id and verifying contract.
 * @param request - the relay request.
 * @returns the 32-byte digest as hex.
 * @throws ENCODING errors for fields that do not fit their types.
 *
 * @example
 * const requestHash = hashRelayRequest({ chainId: 31337, verifyingContract: ledger }, request)
 */
export function hashRelayRequest(domain: RelayDomain, request: RelayRequest): Hex {
  return bytesToHex(relayRequestDigestBytes(domain, request))
}
