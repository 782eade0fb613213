import { createCipheriv, randomBytes, randomUUID } from 'node:crypto'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { keccak256 } from '../../protocol/signature/keccak256.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { deriveKeystoreKey } from './deriveKeystoreKey.ts'

/** A version-3 keystore document. */
export type Keystore = {
  version: 3
  id: string
  address?: string
  crypto: {
    cipher: 'aes-128-ctr'
    cipherparams: { iv: string }
    ciphertext: string
    kdf: 'scrypt' | 'pbkdf2'
    kdfparams: Record<string, unknown>
    mac: string
  }
}

/** scrypt cost of new keystores: geth's "standard" (N = 2^18, r = 8, p = 1). */
export const defaultScryptParams = { n: 262_144, r: 8, p: 1 }

/**
 * Encrypts a private key into a version-3 keystore with scrypt and aes-128-ctr.
 *
 * @param privateKey - 32 bytes as hex
 * @param password - the password to encrypt under
 * @param scryptParams - cost parameters; default geth's standard (slow on purpose)
 * @returns the keystore document (write it with `JSON.stringify`)
 * @example
 * writeFileSync('key.json', JSON.stringify(encryptKeystore(privateKey, password)))
 */
export function encryptKeystore(
  privateKey: Hex,
  password: string,
  scryptParams: { n: number; r: number; p: number } = defaultScryptParams,
): Keystore {
  const address = privateKeyToAddress(privateKey)
  const salt = randomBytes(32)
  const iv = randomBytes(16)
  const kdfparams = { dklen: 32, salt: salt.toString('hex'), ...scryptParams }
  const derivedKey = deriveKeystoreKey('scrypt', kdfparams, password)
  const cipher = createCipheriv('aes-128-ctr', derivedKey.subarray(0, 16), iv)
  const ciphertext = Buffer.concat([cipher.update(Buffer.from(privateKey.slice(2), 'hex')), cipher.final()])
  const mac = keccak256(Buffer.concat([derivedKey.subarray(16, 32), ciphertext]))
  return {
    version: 3,
    id: randomUUID(),
    address: address.slice(2),
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: iv.toString('hex') },
      ciphertext: ciphertext.toString('hex'),
      kdf: 'scrypt',
      kdfparams,
      mac: Buffer.from(mac).toString('hex'),
    },
  }
}
