import type { Hex } from '../../protocol/bytes/bytes.ts'

/**
 * Reads a claim's 48-byte sum-trie root: hash ‖ uint64 sum (compute units) ‖ uint64 count (mined relays).
 *
 * @param root - the root as hex
 * @returns the trie hash, the claimed compute units and the number of mined relays
 * @example
 * decodeClaimRoot(claim.root).count // 12n
 */
export function decodeClaimRoot(root: Hex): { hash: Hex; computeUnits: bigint; relays: bigint } {
  const hex = root.slice(2)
  return {
    hash: `0x${hex.slice(0, 64)}`,
    computeUnits: BigInt(`0x${hex.slice(64, 80)}`),
    relays: BigInt(`0x${hex.slice(80, 96)}`),
  }
}
