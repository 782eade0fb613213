import { DIGEST_BYTES, INNER_PREFIX } from './constants.ts'
import { sha256Into } from './sha256Into.ts'

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
  if (!addUint64(33, 33 + DIGEST_BYTES, 97) || !addUint64(41, 41 + DIGEST_BYTES, 105)) return undefined
  const out = new Uint8Array(DIGEST_BYTES)
  sha256Into(preimage, out, 0)
  out.set(preimage.subarray(97), 32)
  return out
}

/** preimage[to..to+8] = preimage[a..a+8] + preimage[b..b+8] as uint64 BE; false on overflow. */
function addUint64(a: number, b: number, to: number): boolean {
  // two uint32 halves with carry: exact in doubles, no bigint allocation
  let lo = view.getUint32(a + 4) + view.getUint32(b + 4)
  let hi = view.getUint32(a) + view.getUint32(b)
  if (lo > 0xffffffff) {
    lo -= 0x100000000
    hi += 1
  }
  if (hi > 0xffffffff) return false
  view.setUint32(to, hi)
  view.setUint32(to + 4, lo)
  return true
}
