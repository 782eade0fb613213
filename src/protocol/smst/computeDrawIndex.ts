import { SmstEmptyTrieError, SmstInvalidPathError } from './errors.ts'

/**
 * The weighted draw's starting index (docs/protocol.md §7.6): `uint256(drawSeed) mod rootSum`.
 * The 2^256 range makes the modulo bias negligible (< rootSum / 2^256).
 *
 * @param drawSeed - 32 bytes, e.g. sha256(proofSeed ‖ claimHash)
 * @param rootSum - the claimed root's sum, > 0
 * @returns r in [0, rootSum)
 * @example
 * computeDrawIndex(seed, 1000n) // e.g. 417n
 */
export function computeDrawIndex(drawSeed: Uint8Array, rootSum: bigint): bigint {
  if (drawSeed.length !== 32) throw new SmstInvalidPathError({ length: drawSeed.length, what: 'draw seed' })
  if (rootSum <= 0n) throw new SmstEmptyTrieError({ operation: 'draw a leaf' })
  return BigInt(`0x${Buffer.from(drawSeed.buffer, drawSeed.byteOffset, 32).toString('hex')}`) % rootSum
}
