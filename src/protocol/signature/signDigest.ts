import type { Hex } from '../bytes/bytes.ts'
import type { InvalidFieldError, InvalidHexError } from '../relay/errors.ts'
import { digestBytes } from './digestBytes.ts'
import { InvalidPrivateKeyError } from './errors.ts'
import { privateKeyBytes } from './privateKeyBytes.ts'
import { secp256k1 } from './secp256k1Native.ts'

/** Signs 32 digest bytes: 65 bytes r ‖ s ‖ v. */
export function signDigestBytes(key: Uint8Array, digest: Uint8Array): Uint8Array {
  const { signature, recid } = secp256k1.ecdsaSign(digest, key)
  // recid 2/3 (R.x ≥ n) has probability ~2^-127 and no Ethereum v; treat it as unusable rather than encode it.
  if (recid > 1) throw new InvalidPrivateKeyError()
  const out = new Uint8Array(65)
  out.set(signature, 0)
  out[64] = 27 + recid
  return out
}

export type SignDigestReturnType = Hex
export type SignDigestErrorType = InvalidPrivateKeyError | InvalidFieldError | InvalidHexError

/**
 * Signs a 32-byte digest with native libsecp256k1: deterministic nonces (RFC 6979) and low-S, so the
 * signature equals viem's `sign`/`signTypedData` for the same key and digest.
 *
 * @param privateKey - 32 bytes as hex.
 * @param digest - 32 bytes as hex (e.g. from `hashRelayRequest`).
 * @returns 65 bytes `r ‖ s ‖ v` as hex, v ∈ {27, 28}.
 * @throws {InvalidPrivateKeyError} a bad key; ENCODING errors for a digest that is not 32 bytes of hex.
 *
 * @example
 * const signature = signDigest(privateKey, hashRelayRequest(domain, request))
 */
export function signDigest(privateKey: Hex, digest: Hex): Hex {
  const signature = signDigestBytes(privateKeyBytes(privateKey), digestBytes(digest))
  return `0x${Buffer.from(signature.buffer, signature.byteOffset, 65).toString('hex')}`
}
