import { describe, expect, it } from 'vitest'
import { compactSumProof } from './compactSumProof.ts'
import { decompactSumProof } from './decompactSumProof.ts'
import { SparseMerkleSumTrie } from './SparseMerkleSumTrie.ts'
import { sha256, utf8 } from './testing.test-util.ts'
import type { SumProof } from './types.ts'
import { verifySumProof } from './verifySumProof.ts'

// Ported from pokt-network/smt v0.14.1 smst_proofs_test.go TestSMST_Proof_Operations (default value hasher).
const key = utf8('testKey')
const key2 = utf8('testKey2')
const key3 = utf8('testKey3')
const value = utf8('testValue')

// as the library's randomizeSumProof: a random hash, the real sum and count
function randomized(proof: SumProof): SumProof {
  const sideNodes = proof.sideNodes.map((node, i) => {
    const out = node.slice()
    out.set(sha256(utf8(`random side ${i}`)))
    return out
  })
  return { ...proof, sideNodes }
}

describe('verifySumProof', () => {
  const trie = new SparseMerkleSumTrie()

  it('behavior: non-membership in the empty trie', () => {
    const proof = trie.prove(key3)
    expect(verifySumProof({ proof, root: new Uint8Array(48), key: key3, value: undefined, weight: 0n })).toBe(
      true,
    )
    expect(
      verifySumProof({ proof, root: new Uint8Array(48), key: key3, value: utf8('badValue'), weight: 5n }),
    ).toBe(false)
  })

  it('behavior: membership with one and two leaves; wrong count, value or sum fail', () => {
    trie.update(key, value, 5n)
    for (const size of [1, 2]) {
      if (size === 2) trie.update(key2, value, 5n)
      const root = trie.root()
      for (const k of size === 1 ? [key] : [key, key2]) {
        const proof = trie.prove(k)
        const base = { proof, root, key: k, value, weight: 5n }
        expect(verifySumProof(base)).toBe(true)
        expect(verifySumProof({ ...base, count: 2n })).toBe(false)
        expect(verifySumProof({ ...base, value: utf8('badValue') })).toBe(false)
        expect(verifySumProof({ ...base, weight: 10n })).toBe(false)
        expect(verifySumProof({ ...base, value: utf8('badValue'), weight: 10n })).toBe(false)
        if (size === 2) expect(verifySumProof({ ...base, proof: randomized(proof) })).toBe(false)
        expect(decompactSumProof(compactSumProof(proof))).toEqual(proof)
      }
    }
  })

  it('behavior: non-membership next to a different leaf carries that leaf', () => {
    const root = trie.root()
    const proof = trie.prove(key3)
    expect(proof.nonMembershipLeafData?.[0]).toBe(0x00)
    const base = { proof, root, key: key3, value: undefined, weight: 0n }
    expect(verifySumProof(base)).toBe(true)
    expect(verifySumProof({ ...base, value: utf8('badValue') })).toBe(false)
    expect(verifySumProof({ ...base, weight: 5n })).toBe(false)
    expect(verifySumProof({ ...base, proof: randomized(proof) })).toBe(false)
  })

  it('error: a non-membership proof built on the key’s own leaf', () => {
    const root = trie.root()
    const member = trie.prove(key2)
    const own = trie.prove(key3).nonMembershipLeafData!.slice()
    own.set(sha256(key2), 1) // the leaf data now claims key2's path
    const proof = { sideNodes: member.sideNodes, nonMembershipLeafData: own }
    expect(verifySumProof({ proof, root, key: key2, value: undefined, weight: 0n })).toBe(false)
  })

  it('error: malformed proofs are rejected, not padded (Go pads short side nodes)', () => {
    const root = trie.root()
    const proof = trie.prove(key)
    const base = { root, key, value, weight: 5n }
    expect(verifySumProof({ ...base, proof: { ...proof, sideNodes: [new Uint8Array(1)] } })).toBe(false)
    const tooMany = Array.from({ length: 257 }, () => proof.sideNodes[0]!)
    expect(verifySumProof({ ...base, proof: { ...proof, sideNodes: tooMany } })).toBe(false)
    expect(verifySumProof({ ...base, proof, root: root.subarray(0, 47) })).toBe(false)
    const short = { sideNodes: proof.sideNodes, nonMembershipLeafData: new Uint8Array(1) }
    expect(verifySumProof({ ...base, proof: short, value: undefined, weight: 0n })).toBe(false)
  })
})
