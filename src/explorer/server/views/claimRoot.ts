import type { Hex } from '../../../protocol/bytes/bytes.ts'

/** A claim's 48-byte sum-trie root, split (spec §8.1): hash ‖ uint64 sum ‖ uint64 count. */
export type ClaimRoot = { hash: Hex; computeUnits: bigint; relays: bigint }

/**
 * Splits a claim root into its hash, its sum (the claimed compute units) and its count (mined relays).
 *
 * @param root - 48 bytes as 0x hex
 * @returns the parts; zeros when the root is not 48 bytes
 * @example
 * parseClaimRoot(root).computeUnits // 5000n
 */
export function parseClaimRoot(root: Hex): ClaimRoot {
  if (!/^0x[0-9a-fA-F]{96}$/.test(root)) return { hash: '0x', computeUnits: 0n, relays: 0n }
  return {
    hash: `0x${root.slice(2, 66).toLowerCase()}`,
    computeUnits: BigInt(`0x${root.slice(66, 82)}`),
    relays: BigInt(`0x${root.slice(82, 98)}`),
  }
}
