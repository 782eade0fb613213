import { DIGEST_BYTES } from './constants.ts'
import { COUNT, INNER_STRIDE, LEAF_HI, LEAF_LO, LEAF_STRIDE, type NodeStore } from './NodeStore.ts'

/**
 * The 48-byte digests (hash ‖ sum ‖ count) of hashed node references, in the given order; the
 * placeholder (zeros) for an empty subtree. One buffer backs all of them: a proof allocates once.
 *
 * @param store - the hashed trie nodes
 * @param refs - child references: 0 (empty), an inner id (> 0) or `~leafId` (< 0)
 * @returns one 48-byte view per reference
 */
export function readNodeDigests(store: NodeStore, refs: readonly number[]): Uint8Array[] {
  const buffer = new ArrayBuffer(refs.length * DIGEST_BYTES)
  const bytes = new Uint8Array(buffer)
  const view = new DataView(buffer)
  const out: Uint8Array[] = []
  for (let i = 0; i < refs.length; i++) {
    writeNodeDigest(store, refs[i]!, bytes, view, i * DIGEST_BYTES)
    out.push(new Uint8Array(buffer, i * DIGEST_BYTES, DIGEST_BYTES))
  }
  return out
}

/**
 * The 48-byte digest of one hashed node reference (see `readNodeDigests`).
 *
 * @param store - the hashed trie nodes
 * @param ref - a child reference
 * @returns a new 48-byte array
 */
export function readNodeDigest(store: NodeStore, ref: number): Uint8Array {
  const out = new Uint8Array(DIGEST_BYTES)
  writeNodeDigest(store, ref, out, new DataView(out.buffer), 0)
  return out
}

function writeNodeDigest(store: NodeStore, ref: number, bytes: Uint8Array, view: DataView, at: number): void {
  if (ref === 0) return
  const isLeaf = ref < 0
  const id = isLeaf ? ~ref : ref
  const hashes = isLeaf ? store.leafHash : store.innerHash
  for (let i = 0; i < 32; i++) bytes[at + i] = hashes[id * 32 + i]!
  if (isLeaf) {
    view.setUint32(at + 32, store.leafWords[id * (LEAF_STRIDE / 4) + LEAF_HI]!)
    view.setUint32(at + 36, store.leafWords[id * (LEAF_STRIDE / 4) + LEAF_LO]!)
    view.setUint32(at + 44, 1)
  } else {
    view.setUint32(at + 32, store.innerSum[id * 2]!)
    view.setUint32(at + 36, store.innerSum[id * 2 + 1]!)
    view.setUint32(at + 44, store.inner[id * INNER_STRIDE + COUNT]!)
  }
}

/**
 * The sum of a hashed node reference: a leaf's weight, an inner node's total, 0 for empty.
 *
 * @param store - the trie's nodes
 * @param ref - a child reference
 * @returns the sum as a bigint
 */
export function readNodeSum(store: NodeStore, ref: number): bigint {
  if (ref === 0) return 0n
  if (ref < 0) return store.leafWeight(~ref)
  return (BigInt(store.innerSum[ref * 2]!) << 32n) | BigInt(store.innerSum[ref * 2 + 1]!)
}
