import { sha256 } from '../bytes/sha256.ts'

/**
 * relayHash = sha256(relay bytes) (spec §1.1): the sum-trie key and the relay-mining lottery ticket.
 *
 * @param relayBytes - canonical relay bytes from `encodeRelay`.
 * @returns the 32-byte hash.
 *
 * @example
 * const relayHash = computeRelayHash(encodeRelay(relay))
 * const isMined = compareBytes(relayHash, target) < 0
 */
export function computeRelayHash(relayBytes: Uint8Array): Uint8Array {
  return sha256(relayBytes)
}
