import type { Hex } from '../bytes/bytes.ts'
import { digestBytes } from './digestBytes.ts'
import {
  HighSSignatureError,
  InvalidSignatureScalarError,
  InvalidSignatureVError,
  MalformedSignatureError,
  SignatureRecoveryFailedError,
} from './errors.ts'
import { publicKeyToAddress } from './publicKeyToAddress.ts'
import { secp256k1 } from './secp256k1Native.ts'

const ZERO = Buffer.alloc(32)
const N = Buffer.from('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141', 'hex')
const HALF_N = Buffer.from('7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0', 'hex')

export type RecoverDigestSignerReturnType = Hex
export type RecoverDigestSignerErrorType =
  | MalformedSignatureError
  | InvalidSignatureVError
  | InvalidSignatureScalarError
  | HighSSignatureError
  | SignatureRecoveryFailedError

/** 65 signature bytes from hex (SIGNATURE_MALFORMED otherwise). */
export function signatureBytes(signature: Hex): Buffer {
  if (typeof signature !== 'string' || signature.length !== 132 || !signature.startsWith('0x'))
    throw new MalformedSignatureError({ reason: 'expected 65 bytes of 0x hex' })
  const bytes = Buffer.from(signature.slice(2), 'hex')
  // Buffer.from stops at the first bad digit, so a short result means the hex was not clean.
  if (bytes.length !== 65) throw new MalformedSignatureError({ reason: 'not hex' })
  return bytes
}

function checkScalar(value: Buffer, scalar: 'r' | 's'): void {
  if (value.equals(ZERO) || value.compare(N) >= 0) throw new InvalidSignatureScalarError({ scalar })
}

/** Recovers from 32 digest bytes and 65 signature bytes, with the checks of spec §4.1. */
export function recoverDigestSignerBytes(digest: Uint8Array, sig: Buffer): Hex {
  const v = sig[64]!
  if (v !== 27 && v !== 28) throw new InvalidSignatureVError({ v })
  checkScalar(sig.subarray(0, 32), 'r')
  const s = sig.subarray(32, 64)
  checkScalar(s, 's')
  if (s.compare(HALF_N) > 0) throw new HighSSignatureError()
  let publicKey: Uint8Array
  try {
    publicKey = secp256k1.ecdsaRecover(sig.subarray(0, 64), v - 27, digest, false)
  } catch (cause) {
    throw new SignatureRecoveryFailedError({ cause })
  }
  return publicKeyToAddress(publicKey)
}

/**
 * Recovers the signer's address from a digest and a 65-byte `r ‖ s ‖ v` signature with native
 * libsecp256k1, enforcing what the ledger enforces (spec §4.1): v ∈ {27, 28} only, r and s in [1, n − 1],
 * s ≤ n/2. Equals viem's `recoverAddress` on every signature it accepts.
 *
 * @param digest - 32 bytes as hex.
 * @param signature - 65 bytes as hex.
 * @returns the signer's address in lower case.
 * @throws {MalformedSignatureError | InvalidSignatureVError | InvalidSignatureScalarError |
 *   HighSSignatureError | SignatureRecoveryFailedError}
 *
 * @example
 * const signer = recoverDigestSigner(hashRelayRequest(domain, request), relay.requestSignature)
 */
export function recoverDigestSigner(digest: Hex, signature: Hex): Hex {
  return recoverDigestSignerBytes(digestBytes(digest), signatureBytes(signature))
}
