import { describe, expect, it } from 'vitest'
import { compactClosestProof } from './compactClosestProof.ts'
import { compactSumProof } from './compactSumProof.ts'
import { decompactClosestProof } from './decompactClosestProof.ts'
import { decompactSumProof } from './decompactSumProof.ts'
import { SparseMerkleSumTrie } from './SparseMerkleSumTrie.ts'
import { sha256, utf8 } from './testing.test-util.ts'
import type { CompactSumProof } from './types.ts'

// Two leaves that differ only in the last bit: 255 placeholder side nodes and one real one.
function deepTrie(): { trie: SparseMerkleSumTrie; key: Uint8Array } {
  const trie = new SparseMerkleSumTrie({ pathHasher: 'none', valueHasher: 'none' })
  const key = sha256(utf8('deep'))
  key[31] = 0
  const neighbour = key.slice()
  neighbour[31] = 1
  trie.update(key, utf8('a'), 1n)
  trie.update(neighbour, utf8('b'), 2n)
  return { trie, key }
}

describe('compactSumProof', () => {
  it('behavior: placeholders become bitmask bits (MSB-first), and expand back', () => {
    const { trie, key } = deepTrie()
    const proof = trie.prove(key)
    const compact = compactSumProof(proof)
    expect(compact.numSideNodes).toBe(256)
    expect(compact.sideNodes).toHaveLength(1)
    expect(compact.bitMask).toHaveLength(32)
    expect(compact.bitMask[0]).toBe(0x7f) // side node 0 (the neighbour leaf) is real
    expect(compact.bitMask.subarray(1).every((byte) => byte === 0xff)).toBe(true)
    expect(decompactSumProof(compact)).toEqual(proof)
  })

  it('behavior: closest proofs compact their inner proof', () => {
    const { trie, key } = deepTrie()
    const proof = trie.proveClosest(key)
    expect(decompactClosestProof(compactClosestProof(proof))).toEqual(proof)
  })

  it('behavior: the empty proof', () => {
    const compact = compactSumProof({ sideNodes: [], nonMembershipLeafData: undefined })
    expect(compact).toEqual({
      sideNodes: [],
      nonMembershipLeafData: undefined,
      bitMask: new Uint8Array(),
      numSideNodes: 0,
    })
    expect(decompactSumProof(compact).sideNodes).toEqual([])
  })

  const node = sha256(utf8('n'))
  const realNode = new Uint8Array(48).fill(7)
  it.each<[string, CompactSumProof]>([
    [
      'count above 256',
      {
        sideNodes: [],
        nonMembershipLeafData: undefined,
        bitMask: new Uint8Array(33).fill(0xff),
        numSideNodes: 257,
      },
    ],
    [
      'bitmask too long',
      {
        sideNodes: [realNode],
        nonMembershipLeafData: undefined,
        bitMask: new Uint8Array(2),
        numSideNodes: 1,
      },
    ],
    [
      'bit set past the count',
      { sideNodes: [], nonMembershipLeafData: undefined, bitMask: new Uint8Array([0xc0]), numSideNodes: 1 },
    ],
    [
      'too few side nodes',
      { sideNodes: [], nonMembershipLeafData: undefined, bitMask: new Uint8Array([0x00]), numSideNodes: 1 },
    ],
    [
      'too many side nodes',
      {
        sideNodes: [realNode, realNode],
        nonMembershipLeafData: undefined,
        bitMask: new Uint8Array([0x00]),
        numSideNodes: 1,
      },
    ],
    [
      'a 32-byte side node',
      {
        sideNodes: [node],
        nonMembershipLeafData: undefined,
        bitMask: new Uint8Array([0x00]),
        numSideNodes: 1,
      },
    ],
    [
      'a listed placeholder',
      {
        sideNodes: [new Uint8Array(48)],
        nonMembershipLeafData: undefined,
        bitMask: new Uint8Array([0x00]),
        numSideNodes: 1,
      },
    ],
  ])('error: %s', (_, compact) => {
    expect(() => decompactSumProof(compact)).toThrow(expect.objectContaining({ code: 'SMST_INVALID_PROOF' }))
  })
})
