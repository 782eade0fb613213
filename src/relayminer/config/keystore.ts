import {
  createCipheriv,
  createDecipheriv,
  pbkdf2Sync,
  randomBytes,
  randomUUID,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { keccak256 } from '../../protocol/signature/keccak256.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { KeystoreDecryptError, KeystoreInvalidError } from '../errors.ts'

// Web3 Secret Storage, version 3: the JSON keystore geth, ethers and most wallets write. The private key
// is encrypted with aes-128-ctr under the first half of a key derived from the password (scrypt or
// pbkdf2-hmac-sha256); MAC = keccak256(derivedKey[16..32] ‖ ciphertext) detects a wrong password.

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
 * Decrypts a version-3 keystore.
 *
 * @param keystore - the parsed JSON document
 * @param password - the password it was encrypted with
 * @returns the 32-byte private key as hex
 * @throws {KeystoreInvalidError} not a version-3 aes-128-ctr keystore with scrypt or pbkdf2
 * @throws {KeystoreDecryptError} the MAC does not match (wrong password or corrupted file)
 * @example
 * const privateKey = decryptKeystore(JSON.parse(readFileSync('key.json', 'utf8')), password)
 */
export function decryptKeystore(keystore: unknown, password: string): Hex {
  const crypto = readCryptoSection(keystore)
  const ciphertext = hexField(crypto.ciphertext, 'crypto.ciphertext')
  const derivedKey = deriveKey(crypto.kdf, crypto.kdfparams, password)
  const mac = keccak256(Buffer.concat([derivedKey.subarray(16, 32), ciphertext]))
  const expectedMac = hexField(crypto.mac, 'crypto.mac')
  if (expectedMac.length !== 32 || !timingSafeEqual(Buffer.from(mac), expectedMac))
    throw new KeystoreDecryptError()
  const iv = hexField(crypto.cipherparams?.iv, 'crypto.cipherparams.iv')
  if (iv.length !== 16) throw new KeystoreInvalidError({ reason: 'the iv must be 16 bytes' })
  const decipher = createDecipheriv('aes-128-ctr', derivedKey.subarray(0, 16), iv)
  const privateKey = Buffer.concat([decipher.update(ciphertext), decipher.final()])
  if (privateKey.length !== 32) throw new KeystoreInvalidError({ reason: 'the key must be 32 bytes' })
  return `0x${privateKey.toString('hex')}`
}

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
  const derivedKey = deriveKey('scrypt', kdfparams, password)
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

type CryptoSection = {
  ciphertext?: unknown
  mac?: unknown
  kdf?: unknown
  kdfparams: Record<string, unknown>
  cipherparams?: { iv?: unknown }
}

function readCryptoSection(keystore: unknown): CryptoSection {
  if (typeof keystore !== 'object' || keystore === null)
    throw new KeystoreInvalidError({ reason: 'not a JSON object' })
  const document = keystore as { version?: unknown; crypto?: unknown; Crypto?: unknown }
  if (document.version !== 3) throw new KeystoreInvalidError({ reason: 'version must be 3' })
  // Some old geth versions wrote `Crypto`.
  const crypto = (document.crypto ?? document.Crypto) as
    | (Partial<CryptoSection> & { cipher?: unknown })
    | undefined
  if (typeof crypto !== 'object' || crypto === null)
    throw new KeystoreInvalidError({ reason: 'no crypto section' })
  if (crypto.cipher !== 'aes-128-ctr')
    throw new KeystoreInvalidError({ reason: 'the cipher must be aes-128-ctr' })
  if (typeof crypto.kdfparams !== 'object' || crypto.kdfparams === null)
    throw new KeystoreInvalidError({ reason: 'no kdfparams' })
  return crypto as CryptoSection
}

function deriveKey(kdf: unknown, params: Record<string, unknown>, password: string): Buffer {
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

function hexField(value: unknown, field: string): Buffer {
  const text = typeof value === 'string' ? value.replace(/^0x/, '') : ''
  if (!/^([0-9a-fA-F]{2})+$/.test(text)) throw new KeystoreInvalidError({ reason: `${field} must be hex` })
  return Buffer.from(text, 'hex')
}

function integerField(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new KeystoreInvalidError({ reason: `${field} must be a positive integer` })
  return value
}
