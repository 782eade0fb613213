import { DIGEST_BYTES, LEAF_PREFIX, MAX_UINT64, PATH_BYTES } from './constants.ts'
import { sha256Into } from './sha256Into.ts'

/**
 * A leaf's 48-byte digest: `sha256(0x00 ‖ path ‖ leafData ‖ weight ‖ count) ‖ weight ‖ count`, with
 * weight and count as uint64 big-endian (pokt-network/smt `digestSumLeafNode`).
 *
 * @param path - the leaf's 32-byte path (sha256 of its key)
 * @param leafData - the stored value: raw bytes, or sha256(value) with the default value hasher
 * @param weight - uint64 weight
 * @param count - uint64 count; 1 for every real leaf
 * @returns a new 48-byte digest
 * @example
 * computeLeafDigest(sha256(key), relayBytes, 12n)
 */
export function computeLeafDigest(
  path: Uint8Array,
  leafData: Uint8Array,
  weight: bigint,
  count = 1n,
): Uint8Array {
  if (weight < 0n || weight > MAX_UINT64 || count < 0n || count > MAX_UINT64)
    throw new RangeError('weight and count must be uint64')
  const preimage = new Uint8Array(1 + PATH_BYTES + leafData.length + 16)
  const view = new DataView(preimage.buffer)
  preimage[0] = LEAF_PREFIX
  preimage.set(path, 1)
  preimage.set(leafData, 1 + PATH_BYTES)
  view.setBigUint64(preimage.length - 16, weight)
  view.setBigUint64(preimage.length - 8, count)
  const out = new Uint8Array(DIGEST_BYTES)
  sha256Into(preimage, out, 0)
  out.set(preimage.subarray(preimage.length - 16), 32)
  return out
}
