import type { Hex } from '../bytes/bytes.ts'
import { keccak256 } from './keccak256.ts'

/** The Ethereum address of a 65-byte uncompressed public key: last 20 bytes of keccak256(x ‖ y), lower case. */
export function publicKeyToAddress(publicKey: Uint8Array): Hex {
  const hash = keccak256(publicKey.subarray(1))
  return `0x${Buffer.from(hash.buffer, hash.byteOffset + 12, 20).toString('hex')}`
}
