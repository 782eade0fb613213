import { bytesToHex, type Hex } from '../bytes/bytes.ts'
import type { IntegerOutOfRangeError, InvalidFieldError, InvalidHexError } from '../relay/errors.ts'
import type { RelayResponse } from '../relay/types.ts'
import { domainSeparatorBytes } from './computeDomainSeparator.ts'
import { relayResponseStructBytes } from './hashRelayResponseStruct.ts'
import type { RelayDomain } from './typedData.ts'
import { typedDataDigest } from './typedDataDigest.ts'

/** The digest as bytes (no hex round trip on the verify path). */
export function relayResponseDigestBytes(domain: RelayDomain, response: RelayResponse): Uint8Array {
  return typedDataDigest(domainSeparatorBytes(domain), relayResponseStructBytes(response))
}

export type HashRelayResponseReturnType = Hex
export type HashRelayResponseErrorType = IntegerOutOfRangeError | InvalidFieldError | InvalidHexError

/**
 * The EIP-712 digest of a relay response (spec §4): what the supplier's operator key signs. Identical to
 * viem's `hashTypedData`.
 *
 * @param domain - chain id and verifying contract.
 * @param response - the relay response.
 * @returns the 32-byte digest as hex.
 * @throws ENCODING errors for fields that do not fit their types.
 *
 * @example
 * const digest = hashRelayResponse({ chainId: 31337, verifyingContract: ledger }, response)
 */
export function hashRelayResponse(domain: RelayDomain, response: RelayResponse): Hex {
  return bytesToHex(relayResponseDigestBytes(domain, response))
}
