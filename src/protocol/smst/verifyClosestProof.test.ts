import { describe, expect, it } from 'vitest'
import { getPathBit } from './getPathBit.ts'
import { seedOf, trieOf } from './testing.test-util.ts'
import type { ClosestProof } from './types.ts'
import { verifyClosestProof } from './verifyClosestProof.ts'

const weights = Array.from({ length: 40 }, (_, i) => BigInt(i + 1))

describe('verifyClosestProof', () => {
  const trie = trieOf(weights)
  const root = trie.root()

  it('behavior: honest proofs for many paths verify', () => {
    for (let i = 0; i < 200; i++) expect(verifyClosestProof(trie.proveClosest(seedOf(i)), root)).toBe(true)
  })

  it('behavior: the honest proof reveals the leaf sharing the longest prefix with the path', () => {
    for (let i = 0; i < 50; i++) {
      const path = seedOf(i)
      const proof = trie.proveClosest(path)
      const common = (leafPath: Uint8Array) => {
        let d = 0
        while (d < 256 && getPathBit(leafPath, d) === getPathBit(path, d)) d++
        return d
      }
      const best = Math.max(...[...trie.leaves()].map((leaf) => common(leaf.path)))
      expect(common(proof.closestPath)).toBe(best)
    }
  })

  // The library's verifier accepts these (its checks hold), yet they reveal a leaf of the prover's choosing.
  it('error: a proof of any other leaf, with flipped bits forged to match its path', () => {
    const path = seedOf('challenge')
    const honest = trie.proveClosest(path)
    let rejected = 0
    for (const leaf of trie.leaves()) {
      if (Buffer.from(leaf.path).equals(Buffer.from(honest.closestPath))) continue
      const inclusion = trie.proveClosest(leaf.path) // the leaf's own inclusion proof
      const flippedBits: number[] = []
      for (let d = 0; d < inclusion.depth; d++)
        if (getPathBit(path, d) !== getPathBit(leaf.path, d)) flippedBits.push(d)
      const forged: ClosestProof = { ...inclusion, path, flippedBits }
      expect(verifyClosestProof(forged, root)).toBe(false)
      rejected++
    }
    expect(rejected).toBe(weights.length - 1)
  })

  it('error: Depth 0 and no flipped bits (the vacuous prefix check)', () => {
    const path = seedOf('challenge')
    const other = trie.proveClosest(seedOf('elsewhere'))
    expect(verifyClosestProof({ ...other, path, flippedBits: [], depth: 0 }, root)).toBe(false)
  })

  it.each<[string, (p: ClosestProof) => ClosestProof]>([
    ['depth −1', (p) => ({ ...p, depth: -1 })],
    ['depth 257', (p) => ({ ...p, depth: 257 })],
    ['depth ≠ side nodes', (p) => ({ ...p, depth: p.depth - 1 })],
    ['flipped bit −1', (p) => ({ ...p, flippedBits: [-1, ...p.flippedBits] })],
    ['flipped bit = depth', (p) => ({ ...p, flippedBits: [...p.flippedBits, p.depth] })],
    ['flipped bits repeated', (p) => ({ ...p, flippedBits: [...p.flippedBits, ...p.flippedBits] })],
    ['a path bit flipped', (p) => ({ ...p, path: flipFirstBit(p.path) })],
    ['a 31-byte path', (p) => ({ ...p, path: p.path.subarray(1) })],
    ['count ≠ 1', (p) => ({ ...p, closestValueHash: withLastByte(p.closestValueHash!, 2) })],
    ['weight changed', (p) => ({ ...p, closestValueHash: withByteAt(p.closestValueHash!, -9, 0xff) })],
    ['no value', (p) => ({ ...p, closestValueHash: undefined })],
  ])('error: %s', (_, tamper) => {
    // a path whose walk flips at least one bit, so every tamper has something to break
    const proof = Array.from({ length: 64 }, (_, i) => trie.proveClosest(seedOf(`tamper ${i}`))).find(
      (p) => p.flippedBits.length > 0,
    )!
    expect(verifyClosestProof(tamper(proof), root)).toBe(false)
  })

  it('behavior: the empty trie proof is accepted only in its honest form', () => {
    const empty = trieOf([])
    const proof = empty.proveClosest(seedOf(1))
    expect(verifyClosestProof(proof, empty.root())).toBe(true)
    expect(verifyClosestProof({ ...proof, flippedBits: [] }, empty.root())).toBe(false)
    expect(verifyClosestProof(proof, root)).toBe(false)
  })
})

function flipFirstBit(path: Uint8Array): Uint8Array {
  const out = path.slice()
  out[0]! ^= 0x80
  return out
}

function withByteAt(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = bytes.slice()
  out[at < 0 ? out.length + at : at] = value
  return out
}

const withLastByte = (bytes: Uint8Array, value: number) => withByteAt(bytes, -1, value)
