import { hash } from 'node:crypto'
import { DIGEST_BYTES, INNER_PREFIX } from './constants.ts'

const preimage = new Uint8Array(1 + 2 * DIGEST_BYTES + 16)
const view = new DataView(preimage.buffer)

/**
 * An inner node's 48-byte digest: `sha256(0x01 ‖ left ‖ right ‖ sum ‖ count) ‖ sum ‖ count` where
 * sum and count add the children's (pokt-network/smt `digestSumInnerNode`).
 *
 * @param left - the left child's 48-byte digest
 * @param right - the right child's 48-byte digest
 * @returns a new 48-byte digest, or `undefined` when the sum or count overflows uint64 (Go would wrap;
 *   no honest trie reaches it, so verifiers reject it)
 * @example
 * computeInnerDigest(leftDigest, placeholderDigest())
 */
export function computeInnerDigest(left: Uint8Array, right: Uint8Array): Uint8Array | undefined {
  if (left.length !== DIGEST_BYTES || right.length !== DIGEST_BYTES) return undefined
  preimage[0] = INNER_PREFIX
  preimage.set(left, 1)
  preimage.set(right, 1 + DIGEST_BYTES)
  const sum = view.getBigUint64(1 + 32) + view.getBigUint64(1 + DIGEST_BYTES + 32)
  const count = view.getBigUint64(1 + 40) + view.getBigUint64(1 + DIGEST_BYTES + 40)
  if (sum >> 64n !== 0n || count >> 64n !== 0n) return undefined
  view.setBigUint64(1 + 2 * DIGEST_BYTES, sum)
  view.setBigUint64(1 + 2 * DIGEST_BYTES + 8, count)
  const out = new Uint8Array(DIGEST_BYTES)
  out.set(hash('sha256', preimage, 'buffer') as unknown as Uint8Array)
  out.set(preimage.subarray(1 + 2 * DIGEST_BYTES), 32)
  return out
}
