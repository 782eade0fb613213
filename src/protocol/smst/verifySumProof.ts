import { hash } from 'node:crypto'
import { equalBytes } from '../bytes/bytes.ts'
import { computeLeafDigest } from './computeLeafDigest.ts'
import { computeRootFromLeaf } from './computeRootFromLeaf.ts'
import { DIGEST_BYTES, LEAF_PREFIX, MAX_UINT64, PATH_BYTES, type ValueHasher } from './constants.ts'
import type { SumProof } from './types.ts'

export type VerifySumProofParameters = {
  proof: SumProof
  /** The 48-byte root. */
  root: Uint8Array
  /** The key (hashed into the path). */
  key: Uint8Array
  /** The value; empty or absent with weight 0 asks for non-membership. */
  value: Uint8Array | undefined
  weight: bigint
  /** 1 for every real leaf (default). */
  count?: bigint
  /** How the trie stored values; default `'sha256'` as the Go library. */
  valueHasher?: ValueHasher
  /** Hash the key into the path (default); `false` takes `key` as the 32-byte path itself. */
  shouldHashKey?: boolean
}

/**
 * Verifies a membership or non-membership sum proof, as pokt-network/smt `VerifySumProof`: an empty
 * value with weight 0 is a non-membership check (ending at an empty slot, or at a different leaf given
 * by `nonMembershipLeafData`). Malformed proofs return false (side nodes must be 48 bytes; the Go
 * library silently pads or truncates them).
 *
 * @returns whether the proof recomputes `root`
 * @example
 * verifySumProof({ proof: trie.prove(key), root: trie.root(), key, value, weight: 5n })
 */
export function verifySumProof(parameters: VerifySumProofParameters): boolean {
  const { proof, root, key, value, weight, count = 1n, valueHasher = 'sha256' } = parameters
  if (root.length !== DIGEST_BYTES) return false
  const path = parameters.shouldHashKey === false ? key : hashBytes(key)
  if (path.length !== PATH_BYTES) return false
  const leaf =
    isEmpty(value) && weight === 0n
      ? nonMemberLeaf(proof, path)
      : memberLeaf(path, value ?? new Uint8Array(), weight, count, valueHasher)
  if (leaf === undefined) return false
  const computed = computeRootFromLeaf(leaf, path, proof.sideNodes)
  return computed !== undefined && equalBytes(computed.root, root)
}

/** The digest the membership climb starts from. */
function memberLeaf(
  path: Uint8Array,
  value: Uint8Array,
  weight: bigint,
  count: bigint,
  valueHasher: ValueHasher,
): Uint8Array | undefined {
  if (weight < 0n || weight > MAX_UINT64 || count < 0n || count > MAX_UINT64) return undefined
  return computeLeafDigest(path, valueHasher === 'none' ? value : hashBytes(value), weight, count)
}

/** The digest the non-membership climb starts from: the placeholder or the unrelated leaf. */
function nonMemberLeaf(proof: SumProof, path: Uint8Array): Uint8Array | undefined {
  const data = proof.nonMembershipLeafData
  if (data === undefined) return new Uint8Array(DIGEST_BYTES)
  if (data.length < 1 + PATH_BYTES + 16 || data[0] !== LEAF_PREFIX) return undefined
  // a leaf with the queried path would prove membership, not its absence
  if (equalBytes(data.subarray(1, 1 + PATH_BYTES), path)) return undefined
  const digest = new Uint8Array(DIGEST_BYTES)
  digest.set(hash('sha256', data, 'buffer') as unknown as Uint8Array)
  digest.set(data.subarray(data.length - 16), 32)
  return digest
}

function isEmpty(value: Uint8Array | undefined): boolean {
  return value === undefined || value.length === 0
}

function hashBytes(data: Uint8Array): Uint8Array {
  return new Uint8Array(hash('sha256', data, 'buffer') as unknown as Uint8Array)
}
