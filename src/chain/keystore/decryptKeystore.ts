import { createDecipheriv, timingSafeEqual } from 'node:crypto'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { keccak256 } from '../../protocol/signature/keccak256.ts'
import { KeystoreDecryptError, KeystoreInvalidError } from '../errors/keystore.ts'
import { deriveKeystoreKey, hexField } from './deriveKeystoreKey.ts'

// Web3 Secret Storage, version 3: the JSON keystore geth, ethers and most wallets write. The private key
// is encrypted with aes-128-ctr under the first half of a key derived from the password (scrypt or
// pbkdf2-hmac-sha256); MAC = keccak256(derivedKey[16..32] ‖ ciphertext) detects a wrong password.

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
  const derivedKey = deriveKeystoreKey(crypto.kdf, crypto.kdfparams, password)
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
