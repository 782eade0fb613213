import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { type Address, type Hex, numberToHex, sha256 as viemSha256 } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '../../src/protocol/bytes/bytes.ts'
import { computeDrawIndex } from '../../src/protocol/smst/computeDrawIndex.ts'
import { encodeWeightedProof } from '../../src/protocol/smst/encodeWeightedProof.ts'
import { SparseMerkleSumTrie } from '../../src/protocol/smst/SparseMerkleSumTrie.ts'
import { verifyWeightedProof } from '../../src/protocol/smst/verifyWeightedProof.ts'
import { type Anvil, startAnvil } from './anvil.ts'
import { ledgerMathHarnessAbi, ledgerMathHarnessBytecode } from './harnesses.generated.ts'
import { revertName } from './world.ts'

const vectors = JSON.parse(readFileSync(new URL('../vectors/pokt-smt.json', import.meta.url), 'utf8'))
const utf8 = new TextEncoder()

let anvil: Anvil
let harness: Address

beforeAll(async () => {
  anvil = await startAnvil()
  const { client } = await anvil.wallet('deployer')
  const hash = await client.deployContract({
    abi: ledgerMathHarnessAbi,
    bytecode: ledgerMathHarnessBytecode,
    account: client.account,
    chain: anvil.chain,
  })
  harness = (await anvil.publicClient.waitForTransactionReceipt({ hash })).contractAddress!
})
afterAll(() => anvil.stop())

type Verified = readonly [Hex, bigint, Hex, bigint]
function verifyOnChain(proof: Hex, root: Hex, index: bigint): Promise<Verified> {
  return anvil.publicClient.readContract({
    address: harness,
    abi: ledgerMathHarnessAbi,
    functionName: 'verifyPacked',
    args: [proof, root, index],
  }) as Promise<Verified>
}

/** The packed proof drawn by `seed`, the draw index and what the protocol's verifier says about it. */
function draw(trie: SparseMerkleSumTrie, seed: Uint8Array) {
  const proof = trie.proveWeighted(seed)
  const root = trie.root()
  const leaf = verifyWeightedProof(proof, root, seed)
  return {
    proof: bytesToHex(encodeWeightedProof(proof)),
    root: bytesToHex(root),
    index: computeDrawIndex(seed, trie.sum()),
    leaf,
  }
}

describe('SumTrie.verifyPacked agrees with src/protocol/smst', () => {
  it("default: draws from the pokt-network/smt vector tries verify against the vectors' roots", async () => {
    for (const v of vectors.roots) {
      if (v.leaves.length === 0) continue
      const trie = new SparseMerkleSumTrie({ valueHasher: v.valueHasher })
      for (const l of v.leaves) trie.update(utf8.encode(l.key), utf8.encode(l.value), BigInt(l.weight))
      expect(bytesToHex(trie.root()), v.name).toBe(`0x${v.rootHex}`)
      for (let i = 0; i < 4; i++) {
        const d = draw(trie, hexToBytes(viemSha256(numberToHex(i, { size: 32 }))))
        const [path, weight, value] = await verifyOnChain(d.proof, d.root, d.index)
        expect([path, weight, value], v.name).toEqual([
          bytesToHex(d.leaf.path),
          d.leaf.weight,
          bytesToHex(d.leaf.value),
        ])
      }
    }
  })

  it('behavior: random tries, random draws: the chain returns the leaf the protocol reveals', async () => {
    const leaf = fc.record({
      key: fc.uint8Array({ minLength: 1, maxLength: 40 }),
      value: fc.uint8Array({ maxLength: 120 }),
      weight: fc.bigInt({ min: 1n, max: 2n ** 40n }),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(leaf, { minLength: 1, maxLength: 40 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        async (leaves, seed) => {
          const trie = new SparseMerkleSumTrie({ valueHasher: 'none' })
          for (const l of leaves) trie.update(l.key, l.value, l.weight)
          const d = draw(trie, seed)
          const [path, weight, value] = await verifyOnChain(d.proof, d.root, d.index)
          expect(path).toBe(bytesToHex(d.leaf.path))
          expect(weight).toBe(d.leaf.weight)
          expect(value).toBe(bytesToHex(d.leaf.value))
        },
      ),
      { numRuns: 40 },
    )
  })

  it('behavior: the deepest possible leaf (256 side nodes) verifies', async () => {
    const trie = new SparseMerkleSumTrie({ valueHasher: 'none', pathHasher: 'none' })
    const a = new Uint8Array(32)
    const b = new Uint8Array(32)
    b[31] = 1
    trie.update(a, utf8.encode('left'), 5n)
    trie.update(b, utf8.encode('right'), 7n)
    const d = draw(trie, hexToBytes(viemSha256('0x01')))
    const [, weight, , gasUsed] = await verifyOnChain(d.proof, d.root, d.index)
    expect(weight).toBe(d.leaf.weight)
    expect((hexToBytes(d.proof)[41]! << 8) | hexToBytes(d.proof)[42]!).toBe(256)
    expect(gasUsed).toBeGreaterThan(0n)
  })

  it('error: a proof for another draw index, a flipped byte, or a wrong root is refused', async () => {
    const trie = new SparseMerkleSumTrie({ valueHasher: 'none' })
    for (let i = 0; i < 12; i++) trie.update(utf8.encode(`k${i}`), utf8.encode(`v${i}`), BigInt(i + 1))
    const d = draw(trie, hexToBytes(viemSha256('0x02')))
    // weights are at most 12 of a sum of 78: 20 further along (mod the sum) is another leaf's interval
    const other = (d.index + 20n) % trie.sum()
    expect(await revertName(verifyOnChain(d.proof, d.root, other))).toBe('NotDrawnLeaf')
    const tampered = hexToBytes(d.proof)
    tampered[tampered.length - 1]! ^= 0x01
    expect(await revertName(verifyOnChain(bytesToHex(tampered), d.root, d.index))).toBe('RootMismatch')
    const wrongRoot = hexToBytes(d.root)
    wrongRoot[0]! ^= 0x01
    expect(await revertName(verifyOnChain(d.proof, bytesToHex(wrongRoot), d.index))).toBe('RootMismatch')
    const badVersion = hexToBytes(d.proof)
    badVersion[0] = 2
    expect(await revertName(verifyOnChain(bytesToHex(badVersion), d.root, d.index))).toBe('MalformedProof')
  })
})
