import { describe, expect, it } from 'vitest'
import { decodeWeightedProof } from './decodeWeightedProof.ts'
import { encodeWeightedProof } from './encodeWeightedProof.ts'
import { SparseMerkleSumTrie } from './SparseMerkleSumTrie.ts'
import { seedOf, sha256, trieOf, utf8 } from './testing.test-util.ts'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('encodeWeightedProof / decodeWeightedProof', () => {
  it('default: layout of a one-leaf proof', () => {
    const trie = trieOf([10n])
    const proof = trie.proveWeighted(seedOf(0))
    const bytes = encodeWeightedProof(proof)
    expect(bytes.length).toBe(47 + proof.value.length)
    expect(hex(bytes.subarray(0, 1))).toBe('01')
    expect(hex(bytes.subarray(1, 33))).toBe(hex(proof.path))
    expect(hex(bytes.subarray(33, 43))).toBe('000000000000000a0000')
    expect(hex(bytes.subarray(43, 47))).toBe(proof.value.length.toString(16).padStart(8, '0'))
    expect(decodeWeightedProof(bytes)).toEqual(proof)
  })

  it('behavior: round trip; size = 47 + ceil(n/8) + 48·(non-placeholders) + value', () => {
    const trie = trieOf(Array.from({ length: 300 }, (_, i) => BigInt((i % 17) + 1)))
    for (let i = 0; i < 50; i++) {
      const proof = trie.proveWeighted(seedOf(i))
      const bytes = encodeWeightedProof(proof)
      const n = proof.sideNodes.length
      const real = proof.sideNodes.filter((node) => node.some((byte) => byte !== 0)).length
      expect(bytes.length).toBe(47 + Math.ceil(n / 8) + 48 * real + proof.value.length)
      expect(decodeWeightedProof(bytes)).toEqual(proof)
    }
  })

  it('behavior: 256 side nodes, 255 of them placeholders', () => {
    const trie = new SparseMerkleSumTrie({ pathHasher: 'none', valueHasher: 'none' })
    const a = sha256(utf8('a'))
    a[31] = 0
    const b = a.slice()
    b[31] = 1
    trie.update(a, utf8('x'), 1n)
    trie.update(b, utf8('y'), 1n)
    const proof = trie.proveWeighted(seedOf(1))
    const bytes = encodeWeightedProof(proof)
    expect(proof.sideNodes).toHaveLength(256)
    expect(bytes.length).toBe(47 + 32 + 48 + 1)
    expect(hex(bytes.subarray(41, 44))).toBe('01007f')
    expect(decodeWeightedProof(bytes)).toEqual(proof)
  })

  it('behavior: decoded fields are views into the input', () => {
    const bytes = encodeWeightedProof(trieOf([1n, 2n]).proveWeighted(seedOf(0)))
    expect(decodeWeightedProof(bytes).path.buffer).toBe(bytes.buffer)
  })

  const valid = encodeWeightedProof(trieOf([1n, 2n, 3n]).proveWeighted(seedOf(0)))
  const valueLengthAt = valid.length - 4 - decodeWeightedProof(valid).value.length
  const withBytes = (edits: [number, number][]) => {
    const out = valid.slice()
    for (const [at, value] of edits) out[at] = value
    return out
  }
  it.each<[string, Uint8Array]>([
    ['empty', new Uint8Array()],
    ['shorter than the header', valid.subarray(0, 46)],
    ['version 0', withBytes([[0, 0]])],
    ['truncated', valid.subarray(0, valid.length - 1)],
    ['trailing byte', new Uint8Array([...valid, 0])],
    [
      'count 257',
      withBytes([
        [41, 1],
        [42, 1],
      ]),
    ],
    [
      'count 0 (bytes left over)',
      withBytes([
        [41, 0],
        [42, 0],
      ]),
    ],
    ['value length too long', withBytes([[valueLengthAt, 0xff]])],
  ])('error: %s', (_, bytes) => {
    expect(() => decodeWeightedProof(bytes)).toThrow(expect.objectContaining({ code: 'SMST_INVALID_PROOF' }))
  })

  it('error: encoding a proof that does not fit', () => {
    const proof = trieOf([1n]).proveWeighted(seedOf(0))
    for (const bad of [
      { ...proof, weight: -1n },
      { ...proof, path: proof.path.subarray(1) },
      { ...proof, sideNodes: [new Uint8Array(47).fill(1)] },
      { ...proof, sideNodes: Array.from({ length: 257 }, () => new Uint8Array(48)) },
    ])
      expect(() => encodeWeightedProof(bad)).toThrow(expect.objectContaining({ code: 'SMST_INVALID_PROOF' }))
  })
})
