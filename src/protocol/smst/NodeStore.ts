import { PATH_BYTES } from './constants.ts'

/** Int32 slots per inner node in `NodeStore.inner`. */
export const INNER_STRIDE = 4
/** Slot of the left child reference. */
export const LEFT = 0
/** Slot of the right child reference. */
export const RIGHT = 1
/** Slot of the leaf count below the node (valid once hashed). */
export const COUNT = 2
/** Slot of the dirty flag (1 = digest stale). */
export const DIRTY = 3
/** Bytes per leaf record in `NodeStore.leafBytes`: path(32) ‖ weightHi ‖ weightLo ‖ dirty ‖ padding. */
export const LEAF_STRIDE = 64
/** Uint32 index offsets of a leaf's weight halves and dirty flag within its record (`leafWords`). */
export const LEAF_HI = 8
export const LEAF_LO = 9
export const LEAF_DIRTY = 10

/**
 * The trie's nodes as struct-of-arrays in typed arrays, so a million leaves cost a few large buffers
 * instead of millions of small objects (no GC pressure, no per-node allocation on the hot path).
 * Fields read together on a walk share a cache line: an inner node's children, count and dirty flag
 * are 16 contiguous bytes; a leaf's path, weight and dirty flag one 64-byte record.
 *
 * A child reference is an int32: `0` = empty subtree, `> 0` = inner node id, `< 0` = leaf id `~ref`.
 * Inner ids start at 1 so that 0 can mean "empty". Sums are uint64 kept as two uint32 halves.
 */
export class NodeStore {
  root = 0
  /** Per inner node: left, right, count, dirty. */
  inner: Int32Array
  /** Per inner node: sum high and low 32 bits (valid once hashed). */
  innerSum: Uint32Array
  /** Per inner node: 32-byte hash (valid once hashed). */
  innerHash: Uint8Array
  innerTop = 1
  readonly innerFree: number[] = []
  /** Per leaf: a 64-byte record; `leafWords` views the same memory as uint32. */
  leafBytes: Uint8Array
  leafWords: Uint32Array
  /** Per leaf: 32-byte hash (valid once hashed). */
  leafHash: Uint8Array
  readonly leafValue: (Uint8Array | undefined)[] = []
  leafTop = 0
  readonly leafFree: number[] = []

  constructor(initialLeaves = 1024) {
    const leaves = Math.max(16, initialLeaves)
    const inners = leaves * 2
    this.inner = new Int32Array(inners * INNER_STRIDE)
    this.innerSum = new Uint32Array(inners * 2)
    this.innerHash = new Uint8Array(inners * 32)
    this.leafBytes = new Uint8Array(leaves * LEAF_STRIDE)
    this.leafWords = new Uint32Array(this.leafBytes.buffer)
    this.leafHash = new Uint8Array(leaves * 32)
  }

  /** A fresh inner node with both children empty, marked dirty. */
  allocInner(): number {
    let id = this.innerFree.pop()
    if (id === undefined) {
      if (this.innerTop * INNER_STRIDE === this.inner.length) this.growInner()
      id = this.innerTop++
    }
    const at = id * INNER_STRIDE
    this.inner[at + LEFT] = 0
    this.inner[at + RIGHT] = 0
    this.inner[at + DIRTY] = 1
    return id
  }

  freeInner(id: number): void {
    this.innerFree.push(id)
  }

  /** A fresh leaf holding `path` (copied), `value` (kept by reference) and the weight halves, marked dirty. */
  allocLeaf(path: Uint8Array, value: Uint8Array, weightHi: number, weightLo: number): number {
    let id = this.leafFree.pop()
    if (id === undefined) {
      if (this.leafTop * LEAF_STRIDE === this.leafBytes.length) this.growLeaves()
      id = this.leafTop++
    }
    const at = id * LEAF_STRIDE
    for (let i = 0; i < PATH_BYTES; i++) this.leafBytes[at + i] = path[i]!
    this.leafValue[id] = value
    const word = id * (LEAF_STRIDE / 4)
    this.leafWords[word + LEAF_HI] = weightHi
    this.leafWords[word + LEAF_LO] = weightLo
    this.leafWords[word + LEAF_DIRTY] = 1
    return id
  }

  freeLeaf(id: number): void {
    this.leafValue[id] = undefined
    this.leafFree.push(id)
  }

  /** A leaf's weight as a bigint. */
  leafWeight(id: number): bigint {
    const word = id * (LEAF_STRIDE / 4)
    return (BigInt(this.leafWords[word + LEAF_HI]!) << 32n) | BigInt(this.leafWords[word + LEAF_LO]!)
  }

  /** A leaf's 32-byte path (a copy). */
  leafPath(id: number): Uint8Array {
    return this.leafBytes.slice(id * LEAF_STRIDE, id * LEAF_STRIDE + PATH_BYTES)
  }

  /** Number of live inner nodes (for memory reports). */
  innerNodeCount(): number {
    return this.innerTop - 1 - this.innerFree.length
  }

  private growInner(): void {
    const n = (this.inner.length / INNER_STRIDE) * 2
    this.inner = grow(this.inner, new Int32Array(n * INNER_STRIDE))
    this.innerSum = grow(this.innerSum, new Uint32Array(n * 2))
    this.innerHash = grow(this.innerHash, new Uint8Array(n * 32))
  }

  private growLeaves(): void {
    const n = (this.leafBytes.length / LEAF_STRIDE) * 2
    this.leafBytes = grow(this.leafBytes, new Uint8Array(n * LEAF_STRIDE))
    this.leafWords = new Uint32Array(this.leafBytes.buffer)
    this.leafHash = grow(this.leafHash, new Uint8Array(n * 32))
  }
}

function grow<T extends Int32Array | Uint32Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never)
  return to
}
