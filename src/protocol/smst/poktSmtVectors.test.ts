import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { getPathBit } from './getPathBit.ts'
import { sha256, utf8 } from './testing.test-util.ts'

// The plain-SMT vectors of pokt-network/smt v0.14.1 (test/vectors/pokt-smt.json, "smt"). decai builds only
// the sum trie, but both share path bits, prefixes and shortcut leaves; this small model of the canonical
// SMT root confirms those conventions against the library's own hashes.
type Leaf = { key: string; value: string }
type Vectors = {
  smt: {
    roots: { name: string; valueHasher: 'sha256' | 'none'; leaves: Leaf[]; rootHex: string }[]
    sideNodes: {
      name: string
      leaves: Leaf[]
      proveKey: string
      index?: number
      sideNodeHex?: string
      sha256OfSideNodeHex?: string
      numSideNodes?: number
      sideNodes?: { hashPrefixHex: string; hashSuffixHex: string }[]
    }[]
  }
}
const { smt } = JSON.parse(
  readFileSync(new URL('../../../test/vectors/pokt-smt.json', import.meta.url), 'utf8'),
) as Vectors

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
type ModelLeaf = { path: Uint8Array; data: Uint8Array }

function modelLeaves(leaves: Leaf[], valueHasher: 'sha256' | 'none' = 'sha256'): ModelLeaf[] {
  return leaves.map(({ key, value }) => ({
    path: sha256(utf8(key)),
    data: valueHasher === 'none' ? utf8(value) : sha256(utf8(value)),
  }))
}

/** Canonical SMT root: placeholder, shortcut leaf H(0x00 ‖ path ‖ data), or H(0x01 ‖ left ‖ right). */
function root(leaves: ModelLeaf[], depth = 0): Uint8Array {
  if (leaves.length === 0) return new Uint8Array(32)
  if (leaves.length === 1) return sha256(new Uint8Array([0x00, ...leaves[0]!.path, ...leaves[0]!.data]))
  const side = (bit: number) => leaves.filter((leaf) => getPathBit(leaf.path, depth) === bit)
  return sha256(new Uint8Array([0x01, ...root(side(0), depth + 1), ...root(side(1), depth + 1)]))
}

/** Side nodes of `path`, bottom-up, as the library's Prove returns them. */
function sideNodes(leaves: ModelLeaf[], path: Uint8Array, depth = 0): Uint8Array[] {
  if (leaves.length <= 1) return []
  const bit = getPathBit(path, depth)
  const same = leaves.filter((leaf) => getPathBit(leaf.path, depth) === bit)
  const other = leaves.filter((leaf) => getPathBit(leaf.path, depth) !== bit)
  return [...sideNodes(same, path, depth + 1), root(other, depth + 1)]
}

describe('pokt-network/smt v0.14.1 plain-SMT vectors (conventions check)', () => {
  it.each(smt.roots)('behavior: root of $name', ({ leaves, valueHasher, rootHex }) => {
    expect(hex(root(modelLeaves(leaves, valueHasher)))).toBe(rootHex)
  })

  it.each(smt.sideNodes)('behavior: side nodes of $name', (vector) => {
    const nodes = sideNodes(modelLeaves(vector.leaves), sha256(utf8(vector.proveKey))).map(hex)
    if (vector.sideNodeHex) expect(nodes[vector.index!]).toBe(vector.sideNodeHex)
    if (vector.sha256OfSideNodeHex)
      expect(hex(sha256(Buffer.from(nodes[0]!, 'hex')))).toBe(vector.sha256OfSideNodeHex)
    if (vector.numSideNodes !== undefined) expect(nodes).toHaveLength(vector.numSideNodes)
    vector.sideNodes?.forEach((expected, i) => {
      expect(nodes[i]!.startsWith(expected.hashPrefixHex)).toBe(true)
      expect(nodes[i]!.endsWith(expected.hashSuffixHex)).toBe(true)
    })
  })
})
