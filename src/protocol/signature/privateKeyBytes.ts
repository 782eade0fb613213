import type { Hex } from '../bytes/bytes.ts'
import { InvalidPrivateKeyError } from './errors.ts'
import { secp256k1 } from './secp256k1Native.ts'

const KEY_HEX = /^0x[0-9a-fA-F]{64}$/

/** A private key from hex, checked to be in [1, n − 1]; the error never echoes the key. */
export function privateKeyBytes(privateKey: Hex): Uint8Array {
  if (typeof privateKey !== 'string' || !KEY_HEX.test(privateKey)) throw new InvalidPrivateKeyError()
  const key = Buffer.from(privateKey.slice(2), 'hex')
  if (!secp256k1.privateKeyVerify(key)) throw new InvalidPrivateKeyError()
  return key
}
