import { bytesToHex } from '../bytes/bytes.ts'
import { computeDrawIndex } from './computeDrawIndex.ts'
import { MAX_UINT64, PATH_BYTES, type ValueHasher } from './constants.ts'
import { SmstInvalidPathError, SmstInvalidWeightError, SmstKeyNotFoundError } from './errors.ts'
import { findLeaf } from './findLeaf.ts'
import { hashDirtyNodes } from './hashDirtyNodes.ts'
import { insertLeaf } from './insertLeaf.ts'
import { NodeStore } from './NodeStore.ts'
import { orderByPathPrefix } from './orderByPathPrefix.ts'
import { proveClosest } from './proveClosest.ts'
import { proveSum } from './proveSum.ts'
import { proveWeighted } from './proveWeighted.ts'
import { readNodeDigest } from './readNodeDigest.ts'
import { removeLeaf } from './removeLeaf.ts'
import { sha256Into } from './sha256Into.ts'
import type { ClosestProof, SumProof, SumTrieLeaf, WeightedProof } from './types.ts'
import { walkLeaves } from './walkLeaves.ts'

export type SparseMerkleSumTrieOptions = {
  /** `'sha256'` (default, as the Go library) stores sha256(value); `'none'` stores the value (decai). */
  valueHasher?: ValueHasher
  /**
   * `'sha256'` (default): path = sha256(key). `'none'`: the key is the 32-byte path itself (the Go
   * library's test-only dummy path hasher; lets tests build leaves that differ in the last bit).
   */
  pathHasher?: 'sha256' | 'none'
  /** Leaves to reserve room for; the trie grows past it by doubling. */
  initialCapacity?: number
}

/** A leaf to insert: what the persistent store replays. */
export type SumTrieEntry = { key: Uint8Array; value: Uint8Array; weight: bigint }

/**
 * In-memory sparse Merkle sum trie, byte-compatible with pokt-network/smt v0.14.1 (SHA-256, path =
 * sha256(key), 48-byte digests hash ‖ sum ‖ count, shortcut leaves, canonical root). Updates only mark
 * the path dirty; `root()` and the provers hash each dirty node once (lazy hashing).
 *
 * Not thread-safe; values are kept by reference (do not mutate a buffer after passing it in).
 *
 * @example
 * const trie = new SparseMerkleSumTrie({ valueHasher: 'none' })
 * trie.update(relayHash, relayBytes, computeUnits)
 * const root = trie.root() // 48 bytes for the claim
 */
export class SparseMerkleSumTrie {
  readonly valueHasher: ValueHasher
  readonly pathHasher: 'sha256' | 'none'
  readonly #store: NodeStore
  #sum = 0n
  #count = 0

  constructor(options: SparseMerkleSumTrieOptions = {}) {
    this.valueHasher = options.valueHasher ?? 'sha256'
    this.pathHasher = options.pathHasher ?? 'sha256'
    this.#store = new NodeStore(options.initialCapacity)
  }

  /**
   * Builds a trie from leaves (later duplicates replace earlier ones), e.g. when a persistent store
   * replays its log after a restart.
   *
   * @example
   * const trie = SparseMerkleSumTrie.fromLeaves(entries, { valueHasher: 'none' })
   */
  static fromLeaves(
    leaves: Iterable<SumTrieEntry>,
    options: SparseMerkleSumTrieOptions = {},
  ): SparseMerkleSumTrie {
    const entries = Array.isArray(leaves) ? (leaves as SumTrieEntry[]) : [...leaves]
    const initialCapacity = Math.max(options.initialCapacity ?? 0, entries.length)
    const trie = new SparseMerkleSumTrie({ ...options, initialCapacity })
    const paths = new Uint8Array(entries.length * PATH_BYTES)
    entries.forEach(({ key }, i) => {
      paths.set(trie.#pathOf(key), i * PATH_BYTES)
    })
    for (const i of orderByPathPrefix(paths, entries.length)) {
      const { key, value, weight } = entries[i]!
      trie.#update(paths.subarray(i * PATH_BYTES, (i + 1) * PATH_BYTES), key, value, weight)
    }
    return trie
  }

  /**
   * Inserts or replaces the leaf for `key` with weight `weight` (uint64).
   * @throws SmstInvalidWeightError when the weight is not a uint64 or the trie's sum would overflow
   */
  update(key: Uint8Array, value: Uint8Array, weight: bigint): void {
    this.#update(undefined, key, value, weight)
  }

  /** `update` with the path already computed (bulk builds hash all keys first). */
  #update(knownPath: Uint8Array | undefined, key: Uint8Array, value: Uint8Array, weight: bigint): void {
    if (typeof weight !== 'bigint' || weight < 0n || weight > MAX_UINT64)
      throw new SmstInvalidWeightError({ weight, reason: 'not a uint64' })
    if (this.#sum + weight > MAX_UINT64) this.#checkSumAfterReplace(key, weight)
    const path = knownPath ?? this.#pathOf(key)
    const data = this.valueHasher === 'none' ? value : hashValue(value)
    const hi = weight > 0xffffffffn ? Number(weight >> 32n) : 0
    const lo = hi === 0 ? Number(weight) : Number(weight & 0xffffffffn)
    const previous = insertLeaf(this.#store, path, data, hi, lo)
    if (previous < 0n) this.#count++
    this.#sum += previous < 0n ? weight : weight - previous
  }

  /** The stored leaf data and weight for `key`, or `undefined` when absent. */
  get(key: Uint8Array): { value: Uint8Array; weight: bigint } | undefined {
    const store = this.#store
    const leaf = findLeaf(store, this.#pathOf(key))
    if (leaf < 0) return undefined
    return { value: store.leafValue[leaf]!, weight: store.leafWeight(leaf) }
  }

  /** Whether `key` has a leaf. */
  has(key: Uint8Array): boolean {
    return findLeaf(this.#store, this.#pathOf(key)) >= 0
  }

  /**
   * Removes the leaf for `key`; the root becomes that of a trie built without it.
   * @throws SmstKeyNotFoundError when `key` has no leaf
   */
  delete(key: Uint8Array): void {
    const removed = removeLeaf(this.#store, this.#pathOf(key))
    if (removed < 0n) throw new SmstKeyNotFoundError({ keyHex: bytesToHex(key) })
    this.#sum -= removed
    this.#count--
  }

  /** The 48-byte root `hash ‖ sum ‖ count` (48 zero bytes when empty); hashes dirty nodes first. */
  root(): Uint8Array {
    hashDirtyNodes(this.#store)
    return readNodeDigest(this.#store, this.#store.root)
  }

  /** Sum of all weights (uint64). */
  sum(): bigint {
    return this.#sum
  }

  /** Number of leaves. */
  count(): number {
    return this.#count
  }

  /** Membership proof for `key`, or a non-membership proof when absent (pokt `Prove`). */
  prove(key: Uint8Array): SumProof {
    hashDirtyNodes(this.#store)
    return proveSum(this.#store, this.#pathOf(key))
  }

  /**
   * Proof of the leaf closest to a 32-byte `path` (pokt `ProveClosest`).
   * @throws SmstInvalidPathError when `path` is not 32 bytes
   */
  proveClosest(path: Uint8Array): ClosestProof {
    if (path.length !== PATH_BYTES) throw new SmstInvalidPathError({ length: path.length })
    hashDirtyNodes(this.#store)
    return proveClosest(this.#store, path)
  }

  /**
   * Proof of the leaf drawn with probability weight / sum from `drawSeed` (docs/protocol.md §7.6).
   * @throws SmstEmptyTrieError when the sum is 0; SmstInvalidPathError when the seed is not 32 bytes
   */
  proveWeighted(drawSeed: Uint8Array): WeightedProof {
    const drawIndex = computeDrawIndex(drawSeed, this.#sum)
    hashDirtyNodes(this.#store)
    return proveWeighted(this.#store, drawIndex, this.#sum)
  }

  /** Every leaf (path, stored data, weight) in path order; for snapshots and audits. */
  *leaves(): IterableIterator<SumTrieLeaf> {
    yield* walkLeaves(this.#store, this.#store.root)
  }

  /** Number of inner nodes held (memory accounting: 56 bytes each; a leaf takes 96 bytes plus its value). */
  innerNodeCount(): number {
    return this.#store.innerNodeCount()
  }

  /** path = sha256(key) into a shared scratch buffer (valid until the next call), or the key itself. */
  #pathOf(key: Uint8Array): Uint8Array {
    if (this.pathHasher === 'sha256') {
      sha256Into(key, pathScratch, 0)
      return pathScratch
    }
    if (key.length !== PATH_BYTES) throw new SmstInvalidPathError({ length: key.length, what: 'key (path)' })
    return key
  }

  #checkSumAfterReplace(key: Uint8Array, weight: bigint): void {
    const previous = this.get(key)?.weight ?? 0n
    if (this.#sum - previous + weight > MAX_UINT64)
      throw new SmstInvalidWeightError({ weight, reason: 'the trie sum would exceed 2^64 − 1' })
  }
}

// the path of the key being updated; insertLeaf copies it into the store, so one buffer serves all calls
const pathScratch = new Uint8Array(PATH_BYTES)

function hashValue(value: Uint8Array): Uint8Array {
  const out = new Uint8Array(32)
  sha256Into(value, out, 0)
  return out
}
