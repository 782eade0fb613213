import { describe, expect, it } from 'vitest'
import { computeDrawIndex } from './computeDrawIndex.ts'
import type { SparseMerkleSumTrie } from './SparseMerkleSumTrie.ts'
import { seedOf, trieOf } from './testing.test-util.ts'
import type { WeightedProof } from './types.ts'
import { verifyWeightedProof } from './verifyWeightedProof.ts'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

/** The drawn leaf by brute force: the one whose cumulative interval in path order holds r. */
function drawByIntervals(trie: SparseMerkleSumTrie, seed: Uint8Array): string {
  let r = computeDrawIndex(seed, trie.sum())
  for (const leaf of trie.leaves()) {
    if (r < leaf.weight) return hex(leaf.path)
    r -= leaf.weight
  }
  throw new Error('unreachable')
}

describe('verifyWeightedProof', () => {
  const weights = [1n, 0n, 2n, 97n, 0n, 5n, 13n, 1n, 40n, 3n]
  const trie = trieOf(weights)
  const root = trie.root()

  it('behavior: proofs verify and reveal the leaf whose interval holds r (as the descent does)', () => {
    for (let i = 0; i < 100; i++) {
      const seed = seedOf(i)
      const proof = trie.proveWeighted(seed)
      const leaf = verifyWeightedProof(proof, root, seed)
      expect(hex(leaf.path)).toBe(drawByIntervals(trie, seed))
      const stored = [...trie.leaves()].find((l) => hex(l.path) === hex(leaf.path))!
      expect(leaf).toEqual({ path: stored.path, value: stored.value, weight: stored.weight })
      expect(leaf.weight).toBeGreaterThan(0n)
    }
  })

  it('behavior: leaves are revealed in proportion to weight (fixed seeds)', () => {
    const counts = new Map<string, number>()
    const draws = 4000
    for (let i = 0; i < draws; i++) {
      const path = hex(trie.proveWeighted(seedOf(`draw ${i}`)).path)
      counts.set(path, (counts.get(path) ?? 0) + 1)
    }
    const total = weights.reduce((a, b) => a + b)
    for (const leaf of trie.leaves()) {
      const expected = (Number(leaf.weight) / Number(total)) * draws
      const seen = counts.get(hex(leaf.path)) ?? 0
      if (leaf.weight === 0n) expect(seen).toBe(0)
      // 5 standard deviations of a binomial: a fixed-seed check, never flaky
      else expect(Math.abs(seen - expected)).toBeLessThan(5 * Math.sqrt(expected) + 1)
    }
  })

  it('behavior: a single leaf has no side nodes and is always drawn', () => {
    const one = trieOf([7n])
    const proof = one.proveWeighted(seedOf('x'))
    expect(proof.sideNodes).toEqual([])
    expect(verifyWeightedProof(proof, one.root(), seedOf('x')).weight).toBe(7n)
  })

  const seed = seedOf(3)
  const flip = (bytes: Uint8Array, at: number) => {
    const out = bytes.slice()
    out[at]! ^= 1
    return out
  }
  it.each<[string, (p: WeightedProof) => WeightedProof]>([
    [
      'side node hash byte',
      (p) => ({ ...p, sideNodes: p.sideNodes.map((n, i) => (i === 0 ? flip(n, 5) : n)) }),
    ],
    ['side node sum', (p) => ({ ...p, sideNodes: p.sideNodes.map((n, i) => (i === 0 ? flip(n, 39) : n)) })],
    ['side node count', (p) => ({ ...p, sideNodes: p.sideNodes.map((n, i) => (i === 0 ? flip(n, 47) : n)) })],
    ['weight ×10', (p) => ({ ...p, weight: p.weight * 10n })],
    ['weight 0', (p) => ({ ...p, weight: 0n })],
    ['value', (p) => ({ ...p, value: flip(p.value, 0) })],
    ['path', (p) => ({ ...p, path: flip(p.path, 31) })],
    ['a side node dropped', (p) => ({ ...p, sideNodes: p.sideNodes.slice(1) })],
    [
      'a 47-byte side node',
      (p) => ({ ...p, sideNodes: [p.sideNodes[0]!.subarray(1), ...p.sideNodes.slice(1)] }),
    ],
  ])('error: tampered %s', (_, tamper) => {
    const proof = trie.proveWeighted(seed)
    expect(() => verifyWeightedProof(tamper(proof), root, seed)).toThrow(
      expect.objectContaining({ code: 'SMST_INVALID_PROOF' }),
    )
  })

  it('error: wrong root, a seed that draws another leaf', () => {
    const proof = trie.proveWeighted(seed)
    expect(() => verifyWeightedProof(proof, flip(root, 0), seed)).toThrow(
      expect.objectContaining({ code: 'SMST_INVALID_PROOF' }),
    )
    const other = Array.from({ length: 50 }, (_, i) => seedOf(`other ${i}`)).find(
      (s) => hex(trie.proveWeighted(s).path) !== hex(proof.path),
    )!
    expect(() => verifyWeightedProof(proof, root, other)).toThrow(
      expect.objectContaining({ code: 'SMST_INVALID_PROOF' }),
    )
  })

  it('error: root and seed sizes; a root with sum 0', () => {
    const proof = trie.proveWeighted(seed)
    expect(() => verifyWeightedProof(proof, root.subarray(1), seed)).toThrow(
      expect.objectContaining({ code: 'SMST_INVALID_ROOT' }),
    )
    expect(() => verifyWeightedProof(proof, root, seed.subarray(1))).toThrow(
      expect.objectContaining({ code: 'SMST_INVALID_PATH' }),
    )
    const zeroSum = root.slice()
    zeroSum.fill(0, 32, 40)
    expect(() => verifyWeightedProof(proof, zeroSum, seed)).toThrow(
      expect.objectContaining({ code: 'SMST_INVALID_PROOF' }),
    )
  })
})
