import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bytesToHex, type Hex, hexToBytes } from '../bytes/bytes.ts'
import { decodeWeightedProof } from './decodeWeightedProof.ts'
import { encodeWeightedProof } from './encodeWeightedProof.ts'
import { SparseMerkleSumTrie } from './SparseMerkleSumTrie.ts'
import { verifyWeightedProof } from './verifyWeightedProof.ts'

// The shared vectors the Solidity verifier also runs (docs/protocol.md §8.5), checked independently of
// the script that generated them: rebuild each trie, re-derive each proof, replay each tampered case.
type Vectors = {
  tries: {
    name: string
    pathHasher: 'sha256' | 'none'
    leaves: { keyHex: Hex; pathHex: Hex; valueHex: Hex; weight: string }[]
    rootHex: Hex
    sum: string
    count: number
    weightedProofs: {
      drawSeedHex: Hex
      leafPathHex: Hex
      weight: string
      numSideNodes: number
      proofHex: Hex
    }[]
    invalidProofs: {
      name: string
      stage: 'decode' | 'verify'
      drawSeedHex: Hex
      rootHex: Hex
      proofHex: Hex
    }[]
  }[]
}
const vectors = JSON.parse(
  readFileSync(new URL('../../../test/vectors/smst.json', import.meta.url), 'utf8'),
) as Vectors

describe('test/vectors/smst.json', () => {
  it.each(vectors.tries)('behavior: $name', (vector) => {
    const trie = new SparseMerkleSumTrie({ valueHasher: 'none', pathHasher: vector.pathHasher })
    for (const leaf of vector.leaves)
      trie.update(hexToBytes(leaf.keyHex), hexToBytes(leaf.valueHex), BigInt(leaf.weight))
    expect(bytesToHex(trie.root())).toBe(vector.rootHex)
    expect(String(trie.sum())).toBe(vector.sum)
    expect(trie.count()).toBe(vector.count)
    const root = hexToBytes(vector.rootHex)
    for (const p of vector.weightedProofs) {
      const seed = hexToBytes(p.drawSeedHex)
      expect(bytesToHex(encodeWeightedProof(trie.proveWeighted(seed)))).toBe(p.proofHex)
      const proof = decodeWeightedProof(hexToBytes(p.proofHex))
      expect(proof.sideNodes).toHaveLength(p.numSideNodes)
      const leaf = verifyWeightedProof(proof, root, seed)
      expect(bytesToHex(leaf.path)).toBe(p.leafPathHex)
      expect(String(leaf.weight)).toBe(p.weight)
    }
  })

  it.each(vectors.tries.flatMap((t) => t.invalidProofs.map((c) => ({ ...c, trie: t.name }))))(
    'error: $trie, $name (rejected at $stage)',
    ({ stage, drawSeedHex, rootHex, proofHex }) => {
      const bytes = hexToBytes(proofHex)
      if (stage === 'decode') {
        expect(() => decodeWeightedProof(bytes)).toThrow(
          expect.objectContaining({ code: 'SMST_INVALID_PROOF' }),
        )
        return
      }
      const proof = decodeWeightedProof(bytes)
      expect(() => verifyWeightedProof(proof, hexToBytes(rootHex), hexToBytes(drawSeedHex))).toThrow(
        expect.objectContaining({ code: 'SMST_INVALID_PROOF' }),
      )
    },
  )
})
