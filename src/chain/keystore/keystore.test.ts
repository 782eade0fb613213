import { describe, expect, it } from 'vitest'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { decryptKeystore } from './decryptKeystore.ts'
import { encryptKeystore } from './encryptKeystore.ts'

// The pbkdf2 test vector of the Web3 Secret Storage definition (password "testpassword"). Its scrypt
// vector uses r = 1 with N = 2^18, which RFC 7914 (N < 2^(16·r)) and so OpenSSL reject; the scrypt path
// is covered by the round trip, and key derivation is node's own scrypt.
const vectorKey = '0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d'
const pbkdf2Vector = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '6087dab2f9fdbbfaddc31a909735c1e6' },
    ciphertext: '5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46',
    kdf: 'pbkdf2',
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: 'hmac-sha256',
      salt: 'ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd',
    },
    mac: '517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
}
const cheap = { n: 1024, r: 8, p: 1 }

describe('keystore', () => {
  it('behavior: decrypts the pbkdf2 test vector of the Web3 Secret Storage definition', () => {
    expect(decryptKeystore(pbkdf2Vector, 'testpassword')).toBe(vectorKey)
  })

  it('behavior: encrypt then decrypt round-trips and records the address', () => {
    const keystore = encryptKeystore(vectorKey, 'correct horse', cheap)
    expect(`0x${keystore.address}`).toBe(privateKeyToAddress(vectorKey))
    expect(decryptKeystore(JSON.parse(JSON.stringify(keystore)), 'correct horse')).toBe(vectorKey)
  })

  it('error: a wrong password is RELAYMINER_KEYSTORE_DECRYPT_FAILED', () => {
    const keystore = encryptKeystore(vectorKey, 'right', cheap)
    expect(() => decryptKeystore(keystore, 'wrong')).toThrow(
      expect.objectContaining({ code: 'RELAYMINER_KEYSTORE_DECRYPT_FAILED' }),
    )
  })

  it.each([
    ['not an object', 'nope'],
    ['version 1', { ...pbkdf2Vector, version: 1 }],
    ['another cipher', { ...pbkdf2Vector, crypto: { ...pbkdf2Vector.crypto, cipher: 'aes-256-cbc' } }],
    ['unknown kdf', { ...pbkdf2Vector, crypto: { ...pbkdf2Vector.crypto, kdf: 'argon2' } }],
    [
      'bad salt',
      {
        ...pbkdf2Vector,
        crypto: { ...pbkdf2Vector.crypto, kdfparams: { dklen: 32, c: 1, prf: 'hmac-sha256', salt: 'zz' } },
      },
    ],
  ])('error: %s is RELAYMINER_KEYSTORE_INVALID', (_name, keystore) => {
    expect(() => decryptKeystore(keystore, 'testpassword')).toThrow(
      expect.objectContaining({ code: 'RELAYMINER_KEYSTORE_INVALID' }),
    )
  })
})
