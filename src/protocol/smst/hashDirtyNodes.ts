import { INNER_PREFIX, LEAF_PREFIX, PATH_BYTES } from './constants.ts'
import {
  COUNT,
  DIRTY,
  INNER_STRIDE,
  LEAF_DIRTY,
  LEAF_HI,
  LEAF_LO,
  LEAF_STRIDE,
  LEFT,
  type NodeStore,
  RIGHT,
} from './NodeStore.ts'
import { sha256Into } from './sha256Into.ts'

const LEAF_WORDS = LEAF_STRIDE / 4
// inner preimage: 0x01 ‖ left(48) ‖ right(48) ‖ sum(8) ‖ count(8)
const innerPreimage = new Uint8Array(1 + 48 + 48 + 16)
const innerView = new DataView(innerPreimage.buffer)
innerPreimage[0] = INNER_PREFIX
// leaf preimage: 0x00 ‖ path(32) ‖ value ‖ weight(8) ‖ count(8); grows with the largest value seen
let leafPreimage = new Uint8Array(1024)
let leafView = new DataView(leafPreimage.buffer)

/**
 * Hashes every dirty node below the root, children first (lazy hashing, as the Go library's
 * `Root()`): updates only mark paths dirty, so a batch of updates hashes each touched node once.
 * Also recomputes inner sums and counts.
 *
 * @param store - the trie's nodes
 */
export function hashDirtyNodes(store: NodeStore): void {
  if (isDirty(store, store.root)) hashNode(store, store.root)
}

function isDirty(store: NodeStore, ref: number): boolean {
  if (ref > 0) return store.inner[ref * INNER_STRIDE + DIRTY] === 1
  return ref < 0 && store.leafWords[~ref * LEAF_WORDS + LEAF_DIRTY] === 1
}

function hashNode(store: NodeStore, ref: number): void {
  if (ref < 0) {
    hashLeaf(store, ~ref)
    return
  }
  const at = ref * INNER_STRIDE
  const left = store.inner[at + LEFT]!
  const right = store.inner[at + RIGHT]!
  if (isDirty(store, left)) hashNode(store, left)
  if (isDirty(store, right)) hashNode(store, right)
  writeChild(store, left, 1)
  writeChild(store, right, 49)
  // sum = left + right as two uint32 halves with carry; the trie keeps the total ≤ 2^64 − 1
  let lo = innerView.getUint32(37) + innerView.getUint32(85)
  let hi = innerView.getUint32(33) + innerView.getUint32(81)
  if (lo > 0xffffffff) {
    lo -= 0x100000000
    hi += 1
  }
  const count = innerView.getUint32(45) + innerView.getUint32(93)
  innerView.setUint32(97, hi)
  innerView.setUint32(101, lo)
  innerView.setUint32(105, 0)
  innerView.setUint32(109, count)
  store.innerSum[ref * 2] = hi
  store.innerSum[ref * 2 + 1] = lo
  store.inner[at + COUNT] = count
  store.inner[at + DIRTY] = 0
  sha256Into(innerPreimage, store.innerHash, ref * 32)
}

/** Writes a child's 48-byte digest (hash ‖ sum ‖ count) into the inner preimage at `at`. */
function writeChild(store: NodeStore, ref: number, at: number): void {
  if (ref === 0) {
    innerPreimage.fill(0, at, at + 48)
    return
  }
  const isLeaf = ref < 0
  const id = isLeaf ? ~ref : ref
  const hashes = isLeaf ? store.leafHash : store.innerHash
  const from = id * 32
  for (let i = 0; i < 32; i++) innerPreimage[at + i] = hashes[from + i]!
  if (isLeaf) {
    innerView.setUint32(at + 32, store.leafWords[id * LEAF_WORDS + LEAF_HI]!)
    innerView.setUint32(at + 36, store.leafWords[id * LEAF_WORDS + LEAF_LO]!)
  } else {
    innerView.setUint32(at + 32, store.innerSum[id * 2]!)
    innerView.setUint32(at + 36, store.innerSum[id * 2 + 1]!)
  }
  innerView.setUint32(at + 40, 0)
  innerView.setUint32(at + 44, isLeaf ? 1 : store.inner[id * INNER_STRIDE + COUNT]!)
}

function hashLeaf(store: NodeStore, leaf: number): void {
  const value = store.leafValue[leaf]!
  const length = 1 + PATH_BYTES + value.length + 16
  if (length > leafPreimage.length) {
    leafPreimage = new Uint8Array(Math.max(length, leafPreimage.length * 2))
    leafView = new DataView(leafPreimage.buffer)
  }
  leafPreimage[0] = LEAF_PREFIX
  const from = leaf * LEAF_STRIDE
  for (let i = 0; i < PATH_BYTES; i++) leafPreimage[1 + i] = store.leafBytes[from + i]!
  leafPreimage.set(value, 1 + PATH_BYTES)
  const tail = 1 + PATH_BYTES + value.length
  const word = leaf * LEAF_WORDS
  leafView.setUint32(tail, store.leafWords[word + LEAF_HI]!)
  leafView.setUint32(tail + 4, store.leafWords[word + LEAF_LO]!)
  leafView.setUint32(tail + 8, 0)
  leafView.setUint32(tail + 12, 1)
  store.leafWords[word + LEAF_DIRTY] = 0
  sha256Into(leafPreimage.subarray(0, length), store.leafHash, leaf * 32)
}
