import fc from 'fast-check'
import { sha3_256 } from 'js-sha3'
import { bytesToHex, type Hex, stringToHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Anvil, startAnvil } from './anvil.ts'
import { sha3HarnessAbi, sha3HarnessBytecode } from './harnesses.generated.ts'

let anvil: Anvil
let harness: Hex

beforeAll(async () => {
  anvil = await startAnvil()
  const { client } = await anvil.wallet('deployer')
  const hash = await client.deployContract({
    abi: sha3HarnessAbi,
    bytecode: sha3HarnessBytecode,
    account: client.account,
    chain: anvil.chain,
  })
  const receipt = await anvil.publicClient.waitForTransactionReceipt({ hash })
  harness = receipt.contractAddress!
})
afterAll(() => anvil.stop())

function onChain(data: Hex): Promise<Hex> {
  return anvil.publicClient.readContract({
    address: harness,
    abi: sha3HarnessAbi,
    functionName: 'sha3_256',
    args: [data],
  })
}

function reference(data: Hex): Hex {
  return `0x${sha3_256(Buffer.from(data.slice(2), 'hex'))}`
}

describe('Sha3 (FIPS-202 SHA3-256 in Yul)', () => {
  it('default: the FIPS-202 empty-string and "abc" vectors', async () => {
    expect(await onChain('0x')).toBe('0xa7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a')
    expect(await onChain(stringToHex('abc'))).toBe(
      '0x3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532',
    )
  })

  it('behavior: equals js-sha3 at every length around the 136-byte rate boundaries', async () => {
    for (const length of [1, 31, 32, 33, 134, 135, 136, 137, 271, 272, 273, 300, 408, 409]) {
      const data = bytesToHex(Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff))
      expect(await onChain(data), `length ${length}`).toBe(reference(data))
    }
  })

  it('behavior: equals js-sha3 on random inputs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        const data = bytesToHex(bytes)
        expect(await onChain(data)).toBe(reference(data))
      }),
      { numRuns: 60 },
    )
  })

  it('behavior: is not keccak256 (different padding)', async () => {
    expect(await onChain('0x')).not.toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470')
  })
})
