/**
 * Sizes and prefixes of the sparse Merkle sum trie, byte-compatible with `pokt-network/smt` v0.14.1
 * (SMST with SHA-256): 32-byte paths, 48-byte digests `hash ‖ sum(uint64 BE) ‖ count(uint64 BE)`.
 */

/** Bytes in a path (= SHA-256 of the key) and in a node hash. */
export const PATH_BYTES = 32
/** Bits in a path: the trie's maximum depth. */
export const MAX_DEPTH = PATH_BYTES * 8
/** Bytes in a node digest: hash ‖ sum ‖ count. */
export const DIGEST_BYTES = 48
/** Prefix of a leaf preimage. */
export const LEAF_PREFIX = 0x00
/** Prefix of an inner-node preimage. */
export const INNER_PREFIX = 0x01
/** The largest weight or sum: sums are uint64 in every digest. */
export const MAX_UINT64 = (1n << 64n) - 1n

/** The digest of an empty subtree (and the empty trie's root): 48 zero bytes. */
export function placeholderDigest(): Uint8Array {
  return new Uint8Array(DIGEST_BYTES)
}

/**
 * How the trie turns a value into leaf data: `'sha256'` stores sha256(value) (the library's default,
 * used by its test vectors); `'none'` stores the raw value (poktroll and decai: value = relay bytes).
 */
export type ValueHasher = 'sha256' | 'none'
