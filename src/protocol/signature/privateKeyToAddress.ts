import type { Hex } from '../bytes/bytes.ts'
import type { InvalidPrivateKeyError } from './errors.ts'
import { privateKeyBytes } from './privateKeyBytes.ts'
import { publicKeyToAddress } from './publicKeyToAddress.ts'
import { secp256k1 } from './secp256k1Native.ts'

export type PrivateKeyToAddressReturnType = Hex
export type PrivateKeyToAddressErrorType = InvalidPrivateKeyError

/**
 * The Ethereum address of a private key (native libsecp256k1).
 *
 * @param privateKey - 32 bytes as hex.
 * @returns the address in lower case.
 * @throws {InvalidPrivateKeyError} a key that is not in [1, n − 1].
 *
 * @example
 * privateKeyToAddress('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
 * // '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'
 */
export function privateKeyToAddress(privateKey: Hex): Hex {
  return publicKeyToAddress(secp256k1.publicKeyCreate(privateKeyBytes(privateKey), false))
}
