import type { Hex } from '../bytes/bytes.ts'
import { keccak256 } from './keccak256.ts'

// The signers seen by one node are few (the applications and gateways of its sessions, one operator key),
// so the keccak of each public key is memoised: it is one of the four keccaks on the recover path.
const memo = new Map<string, Hex>()
const MAX_MEMO = 4096

/** The Ethereum address of a 65-byte uncompressed public key: last 20 bytes of keccak256(x ‖ y), lower case. */
export function publicKeyToAddress(publicKey: Uint8Array): Hex {
  const key = Buffer.from(publicKey.buffer, publicKey.byteOffset + 1, 64).toString('latin1')
  let address = memo.get(key)
  if (address === undefined) {
    const hash = keccak256(publicKey.subarray(1))
    address = `0x${Buffer.from(hash.buffer, hash.byteOffset + 12, 20).toString('hex')}`
    if (memo.size >= MAX_MEMO) memo.clear()
    memo.set(key, address)
  }
  return address
}
