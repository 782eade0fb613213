import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compactClosestProof } from './compactClosestProof.ts'
import { decompactClosestProof } from './decompactClosestProof.ts'
import { flipPathBit } from './getPathBit.ts'
import { SparseMerkleSumTrie } from './SparseMerkleSumTrie.ts'
import { sha256Into } from './sha256Into.ts'
import { verifyClosestProof } from './verifyClosestProof.ts'
import { verifySumProof } from './verifySumProof.ts'

// Vectors recorded from pokt-network/smt v0.14.1 with their source file and line.
type Leaf = { key: string; value: string; weight: string }
type Generator = { key: string; value: string; from: number; to: number; weight: string }
const vectors = JSON.parse(
  readFileSync(new URL('../../../test/vectors/pokt-smt.json', import.meta.url), 'utf8'),
) as {
  roots: { name: string; valueHasher: 'sha256' | 'none'; leaves: Leaf[]; rootHex: string }[]
  sumsAndCounts: {
    name: string
    leaves?: Leaf[]
    generator?: Generator
    sum: string
    count: string
    afterDelete?: { keys: string[]; sum: string; count: string }
  }[]
  sideNodes: {
    name: string
    leaves: Leaf[]
    proveKey: string
    index?: number
    sideNodeHex?: string
    sideNodes?: { hashPrefixHex: string; hashSuffixHex: string; sum: string; count: string }[]
  }[]
  paths: { key: string; pathHex: string }[]
  closestProofs: {
    name: string
    leaves: Leaf[]
    pathFromKey: string
    flipBits: number[]
    flippedBits: number[]
    depth: number
    closestKey?: string
    closestPathHex?: string
    closestValueHashHex: string | null
  }[]
}

const utf8 = (text: string) => new TextEncoder().encode(text)
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const sha256 = (bytes: Uint8Array) => {
  const out = new Uint8Array(32)
  sha256Into(bytes, out, 0)
  return out
}

function build(leaves: Leaf[], valueHasher: 'sha256' | 'none' = 'sha256'): SparseMerkleSumTrie {
  const trie = new SparseMerkleSumTrie({ valueHasher })
  for (const leaf of leaves) trie.update(utf8(leaf.key), utf8(leaf.value), BigInt(leaf.weight))
  return trie
}

function generate(g: Generator): Leaf[] {
  return Array.from({ length: g.to - g.from + 1 }, (_, n) => {
    const i = g.from + n
    const fill = (pattern: string) => pattern.replace('%d', String(i))
    return { key: fill(g.key), value: fill(g.value), weight: g.weight === 'i' ? String(i) : g.weight }
  })
}

describe('pokt-network/smt v0.14.1 vectors', () => {
  it.each(vectors.roots)('behavior: root of $name', ({ leaves, valueHasher, rootHex }) => {
    expect(hex(build(leaves, valueHasher).root())).toBe(rootHex)
  })

  it.each(vectors.sumsAndCounts)('behavior: sum and count of $name', (vector) => {
    const trie = build(vector.leaves ?? generate(vector.generator!))
    const root = trie.root()
    expect(trie.sum()).toBe(BigInt(vector.sum))
    expect(BigInt(trie.count())).toBe(BigInt(vector.count))
    expect(hex(root.subarray(32))).toBe(
      BigInt(vector.sum).toString(16).padStart(16, '0') + BigInt(vector.count).toString(16).padStart(16, '0'),
    )
    if (!vector.afterDelete) return
    for (const key of vector.afterDelete.keys) trie.delete(utf8(key))
    expect(trie.sum()).toBe(BigInt(vector.afterDelete.sum))
    expect(String(trie.count())).toBe(vector.afterDelete.count)
  })

  it.each(vectors.sideNodes)('behavior: side nodes of $name', (vector) => {
    const sideNodes = build(vector.leaves).prove(utf8(vector.proveKey)).sideNodes.map(hex)
    if (vector.sideNodeHex) expect(sideNodes[vector.index!]).toBe(vector.sideNodeHex)
    vector.sideNodes?.forEach((expected, i) => {
      const node = sideNodes[i]!
      expect(node.slice(0, 8)).toBe(expected.hashPrefixHex)
      expect(node.slice(60, 64)).toBe(expected.hashSuffixHex)
      expect(BigInt(`0x${node.slice(64, 80)}`)).toBe(BigInt(expected.sum))
      expect(BigInt(`0x${node.slice(80, 96)}`)).toBe(BigInt(expected.count))
    })
    if (vector.sideNodes) expect(sideNodes).toHaveLength(vector.sideNodes.length)
  })

  it.each(vectors.paths)('behavior: path of $key', ({ key, pathHex }) => {
    expect(hex(sha256(utf8(key)))).toBe(pathHex)
  })

  it.each(vectors.closestProofs)('behavior: closest proof, $name', (vector) => {
    const trie = build(vector.leaves, 'none')
    const path = sha256(utf8(vector.pathFromKey))
    for (const bit of vector.flipBits) flipPathBit(path, bit)
    const proof = trie.proveClosest(path)
    expect(proof.flippedBits).toEqual(vector.flippedBits)
    expect(proof.depth).toBe(vector.depth)
    expect(proof.closestProof.sideNodes).toHaveLength(vector.depth)
    expect(hex(proof.closestPath)).toBe(vector.closestPathHex ?? hex(sha256(utf8(vector.closestKey!))))
    expect(proof.closestValueHash === undefined ? null : hex(proof.closestValueHash)).toBe(
      vector.closestValueHashHex,
    )
    expect(verifyClosestProof(proof, trie.root())).toBe(true)
    expect(decompactClosestProof(compactClosestProof(proof))).toEqual(proof)
  })

  it('behavior: a wrong sum fails (smst_example_test.go:51)', () => {
    const trie = build(vectors.sumsAndCounts.find((v) => v.name === 'smst example')!.leaves!)
    const proof = trie.prove(utf8('foo'))
    const base = { proof, root: trie.root(), key: utf8('foo'), value: utf8('oof') }
    expect(verifySumProof({ ...base, weight: 10n })).toBe(true)
    expect(verifySumProof({ ...base, weight: 11n })).toBe(false)
  })

  it('behavior: neighbours in the last bit give 256 side nodes (smst_test.go:303)', () => {
    const trie = new SparseMerkleSumTrie({ pathHasher: 'none' })
    const key1 = sha256(utf8('any prefix'))
    const key2 = Uint8Array.from(key1)
    key1[31] = 0
    key2[31] = 1
    trie.update(key1, utf8('testValue1'), 1n)
    trie.update(key2, utf8('testValue2'), 2n)
    expect(trie.get(key1)?.weight).toBe(1n)
    expect(trie.get(key2)?.weight).toBe(2n)
    const proof = trie.prove(key1)
    expect(proof.sideNodes).toHaveLength(256)
    expect(
      verifySumProof({
        proof,
        root: trie.root(),
        key: key1,
        value: utf8('testValue1'),
        weight: 1n,
        shouldHashKey: false,
      }),
    ).toBe(true)
  })

  it('behavior: known paths, delete and a failed delete near a leaf (smst_test.go:224)', () => {
    const trie = new SparseMerkleSumTrie({ pathHasher: 'none', valueHasher: 'none' })
    const keys = [0x00, 0x20, 0x80, 0xc0, 0xd0, 0xe0, 0xf0].map((first) => {
      const key = new Uint8Array(32)
      key[0] = first
      return key
    })
    for (const [i, key] of keys.slice(0, 6).entries())
      trie.update(key, utf8(`testValue${i + 1}`), BigInt(i + 1))
    for (const [i, key] of keys.slice(0, 4).entries()) expect(trie.get(key)?.weight).toBe(BigInt(i + 1))
    trie.delete(keys[3]!)
    expect(trie.get(keys[4]!)).toEqual({ value: utf8('testValue5'), weight: 5n })
    expect(trie.get(keys[5]!)).toEqual({ value: utf8('testValue6'), weight: 6n })
    expect(() => trie.delete(keys[6]!)).toThrow(expect.objectContaining({ code: 'SMST_KEY_NOT_FOUND' }))
    expect(trie.get(keys[5]!)).toEqual({ value: utf8('testValue6'), weight: 6n })
  })
})
