import { pbkdf2Sync, scryptSync } from 'node:crypto'
import { KeystoreInvalidError } from '../errors/keystore.ts'

// The password-derived key of a version-3 keystore (scrypt or pbkdf2-hmac-sha256), shared by the
// encrypting and the decrypting side.

/**
 * Derives the keystore key from a password.
 *
 * @returns dklen bytes: the first 16 are the aes-128-ctr key, the next 16 go into the MAC
 * @throws {KeystoreInvalidError} unusable kdf parameters
 * @example
 * const derivedKey = deriveKeystoreKey('scrypt', { dklen: 32, salt, n, r, p }, password)
 */
export function deriveKeystoreKey(kdf: unknown, params: Record<string, unknown>, password: string): Buffer {
  const salt = hexField(params.salt, 'kdfparams.salt')
  const dklen = integerField(params.dklen, 'kdfparams.dklen')
  if (dklen < 32) throw new KeystoreInvalidError({ reason: 'dklen must be at least 32' })
  const secret = Buffer.from(password.normalize('NFKC'), 'utf8')
  if (kdf === 'scrypt') {
    const N = integerField(params.n, 'kdfparams.n')
    const r = integerField(params.r, 'kdfparams.r')
    const p = integerField(params.p, 'kdfparams.p')
    // scrypt needs about 128·r·(N + p) bytes; node's default cap (32 MiB) is below geth's standard cost.
    const maxmem = 2 * 128 * r * (N + p) + 4_194_304
    try {
      return scryptSync(secret, salt, dklen, { N, r, p, maxmem })
    } catch (cause) {
      throw new KeystoreInvalidError({ reason: 'unusable scrypt parameters', cause })
    }
  }
  if (kdf === 'pbkdf2') {
    if (params.prf !== 'hmac-sha256')
      throw new KeystoreInvalidError({ reason: 'pbkdf2 prf must be hmac-sha256' })
    return pbkdf2Sync(secret, salt, integerField(params.c, 'kdfparams.c'), dklen, 'sha256')
  }
  throw new KeystoreInvalidError({ reason: 'the kdf must be scrypt or pbkdf2' })
}

export function hexField(value: unknown, field: string): Buffer {
  const text = typeof value === 'string' ? value.replace(/^0x/, '') : ''
  if (!/^([0-9a-fA-F]{2})+$/.test(text)) throw new KeystoreInvalidError({ reason: `${field} must be hex` })
  return Buffer.from(text, 'hex')
}

function integerField(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new KeystoreInvalidError({ reason: `${field} must be a positive integer` })
  return value
}
