import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeInnerDigest } from './computeInnerDigest.ts'
import { computeLeafDigest } from './computeLeafDigest.ts'
import { decodeWeightedProof } from './decodeWeightedProof.ts'
import { encodeWeightedProof } from './encodeWeightedProof.ts'
import { getPathBit } from './getPathBit.ts'
import { SparseMerkleSumTrie } from './SparseMerkleSumTrie.ts'
import type { SumTrieLeaf, WeightedProof } from './types.ts'
import { verifyClosestProof } from './verifyClosestProof.ts'
import { verifySumProof } from './verifySumProof.ts'
import { verifyWeightedProof } from './verifyWeightedProof.ts'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

// Paths that share long prefixes (sparse random bytes over zeros), so splits happen deep in the trie.
const pathArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 255 })), {
    minLength: 1,
    maxLength: 3,
  })
  .map((edits) => {
    const path = new Uint8Array(32)
    for (const [at, value] of edits) path[at] = value
    return path
  })
const leafArb = fc.record({
  path: pathArb,
  value: fc.uint8Array({ minLength: 0, maxLength: 40 }),
  weight: fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 1n << 56n })),
})
const leavesArb = fc.uniqueArray(leafArb, { minLength: 1, maxLength: 30, selector: (leaf) => hex(leaf.path) })
const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 })

function build(leaves: readonly SumTrieLeaf[]): SparseMerkleSumTrie {
  const trie = new SparseMerkleSumTrie({ pathHasher: 'none', valueHasher: 'none' })
  for (const leaf of leaves) trie.update(leaf.path, leaf.value, leaf.weight)
  return trie
}

/** Independent model: the canonical root by its recursive definition (B.3: root(S, d)). */
function modelRoot(leaves: readonly SumTrieLeaf[], depth = 0): Uint8Array {
  if (leaves.length === 0) return new Uint8Array(48)
  if (leaves.length === 1) return computeLeafDigest(leaves[0]!.path, leaves[0]!.value, leaves[0]!.weight)
  const left = leaves.filter((leaf) => getPathBit(leaf.path, depth) === 0)
  const right = leaves.filter((leaf) => getPathBit(leaf.path, depth) === 1)
  return computeInnerDigest(modelRoot(left, depth + 1), modelRoot(right, depth + 1))!
}

describe('sum trie properties', () => {
  it('behavior: the root equals the canonical model for any insertion order', () => {
    fc.assert(
      fc.property(
        leavesArb.chain((leaves) =>
          fc.tuple(fc.constant(leaves), fc.shuffledSubarray(leaves, { minLength: leaves.length })),
        ),
        ([leaves, shuffled]) => {
          const root = build(leaves).root()
          expect(hex(root)).toBe(hex(modelRoot(leaves)))
          expect(hex(build(shuffled).root())).toBe(hex(root))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('behavior: inserting extra leaves and deleting them in any order restores the root', () => {
    fc.assert(
      fc.property(leavesArb, fc.integer({ min: 0, max: 1000 }), (all, salt) => {
        const cut = Math.ceil(all.length / 2)
        const kept = all.slice(0, cut)
        const trie = build(all)
        const extra = all.slice(cut)
        // a deterministic shuffle of the deletions, driven by the salt
        const order = extra
          .map((leaf, i) => ({ leaf, rank: (i * 7919 + salt) % 1009 }))
          .sort((a, b) => a.rank - b.rank)
        for (const { leaf } of order) trie.delete(leaf.path)
        expect(hex(trie.root())).toBe(hex(build(kept).root()))
        expect(trie.sum()).toBe(kept.reduce((sum, leaf) => sum + leaf.weight, 0n))
        for (const leaf of extra) trie.update(leaf.path, leaf.value, leaf.weight)
        expect(hex(trie.root())).toBe(hex(modelRoot(all)))
      }),
      { numRuns: 60 },
    )
  })

  it('behavior: every membership, non-membership and closest proof verifies', () => {
    fc.assert(
      fc.property(leavesArb, pathArb, (leaves, probe) => {
        const trie = build(leaves)
        const root = trie.root()
        for (const leaf of leaves) {
          const proof = trie.prove(leaf.path)
          const base = { root, key: leaf.path, shouldHashKey: false, valueHasher: 'none' as const }
          if (leaf.value.length > 0 || leaf.weight > 0n)
            expect(verifySumProof({ ...base, proof, value: leaf.value, weight: leaf.weight })).toBe(true)
        }
        const absent = leaves.some((leaf) => hex(leaf.path) === hex(probe))
        if (!absent) {
          const proof = trie.prove(probe)
          expect(
            verifySumProof({ proof, root, key: probe, value: undefined, weight: 0n, shouldHashKey: false }),
          ).toBe(true)
        }
        expect(verifyClosestProof(trie.proveClosest(probe), root)).toBe(true)
      }),
      { numRuns: 80 },
    )
  })

  it('behavior: every weighted proof verifies, survives encoding, and reveals the drawn leaf', () => {
    fc.assert(
      fc.property(leavesArb, seedArb, (leaves, seed) => {
        const trie = build(leaves)
        fc.pre(trie.sum() > 0n)
        const root = trie.root()
        const proof = decodeWeightedProof(encodeWeightedProof(trie.proveWeighted(seed)))
        const leaf = verifyWeightedProof(proof, root, seed)
        expect(leaf.weight).toBeGreaterThan(0n)
        expect(trie.get(leaf.path)?.weight).toBe(leaf.weight)
      }),
      { numRuns: 100 },
    )
  })

  it('error: every tampered weighted proof fails', () => {
    const tamperArb = fc.oneof(
      fc.record({
        kind: fc.constant('sideNode' as const),
        index: fc.nat(),
        byte: fc.nat(47),
        bit: fc.nat(7),
      }),
      fc.record({ kind: fc.constant('weight' as const), delta: fc.bigInt({ min: 1n, max: 1n << 40n }) }),
      fc.record({ kind: fc.constant('value' as const), byte: fc.nat(), bit: fc.nat(7) }),
      fc.record({ kind: fc.constant('root' as const), byte: fc.nat(47), bit: fc.nat(7) }),
    )
    fc.assert(
      fc.property(leavesArb, seedArb, tamperArb, (leaves, seed, tamper) => {
        const trie = build(leaves)
        fc.pre(trie.sum() > 0n)
        const root = trie.root()
        const proof = trie.proveWeighted(seed)
        const { proof: bad, root: badRoot } = applyTamper(proof, root, tamper)
        fc.pre(bad !== undefined)
        expect(() => verifyWeightedProof(bad!, badRoot, seed)).toThrow()
      }),
      { numRuns: 150 },
    )
  })

  it('behavior: another seed is accepted iff it draws the same leaf', () => {
    fc.assert(
      fc.property(leavesArb, seedArb, seedArb, (leaves, seed, other) => {
        const trie = build(leaves)
        fc.pre(trie.sum() > 0n)
        const proof = trie.proveWeighted(seed)
        const isSameLeaf = hex(trie.proveWeighted(other).path) === hex(proof.path)
        const accept = () => verifyWeightedProof(proof, trie.root(), other)
        if (isSameLeaf) expect(accept).not.toThrow()
        else expect(accept).toThrow()
      }),
      { numRuns: 100 },
    )
  })
})

type Tamper =
  | { kind: 'sideNode'; index: number; byte: number; bit: number }
  | { kind: 'weight'; delta: bigint }
  | { kind: 'value'; byte: number; bit: number }
  | { kind: 'root'; byte: number; bit: number }

function flipBit(bytes: Uint8Array, byte: number, bit: number): Uint8Array {
  const out = bytes.slice()
  out[byte]! ^= 1 << bit
  return out
}

function applyTamper(
  proof: WeightedProof,
  root: Uint8Array,
  t: Tamper,
): { proof?: WeightedProof; root: Uint8Array } {
  switch (t.kind) {
    case 'sideNode': {
      if (proof.sideNodes.length === 0) return { root }
      const i = t.index % proof.sideNodes.length
      const sideNodes = proof.sideNodes.map((node, j) => (j === i ? flipBit(node, t.byte, t.bit) : node))
      return { proof: { ...proof, sideNodes }, root }
    }
    case 'weight':
      return { proof: { ...proof, weight: proof.weight + t.delta }, root }
    case 'value':
      if (proof.value.length === 0) return { proof: { ...proof, value: new Uint8Array([t.bit]) }, root }
      return { proof: { ...proof, value: flipBit(proof.value, t.byte % proof.value.length, t.bit) }, root }
    case 'root':
      return { proof, root: flipBit(root, t.byte, t.bit) }
  }
}
