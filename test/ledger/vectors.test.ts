import { readFileSync } from 'node:fs'
import { sha3_256 } from 'js-sha3'
import { type Abi, type Address, concatHex, type Hex, numberToHex, stringToHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ledgerMathHarnessAbi,
  ledgerMathHarnessBytecode,
  sha3HarnessAbi,
  sha3HarnessBytecode,
} from './harnesses.generated.ts'
import { createWorld, revertName, type World } from './world.ts'

const settlement = JSON.parse(readFileSync(new URL('../vectors/settlement.json', import.meta.url), 'utf8'))
const session = JSON.parse(readFileSync(new URL('../vectors/session.json', import.meta.url), 'utf8'))
const poktSession = JSON.parse(readFileSync(new URL('../vectors/pokt-session.json', import.meta.url), 'utf8'))

let world: World
let math: Address
let sha3: Address

async function deployHarness(abi: Abi, bytecode: Hex): Promise<Address> {
  const hash = await world.gov.client.deployContract({
    abi,
    bytecode,
    account: world.gov.account,
    chain: world.anvil.chain,
  })
  return (await world.anvil.publicClient.waitForTransactionReceipt({ hash })).contractAddress!
}
function call<T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[]): Promise<T> {
  return world.anvil.publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>
}

beforeAll(async () => {
  world = await createWorld()
  math = await deployHarness(ledgerMathHarnessAbi, ledgerMathHarnessBytecode)
  sha3 = await deployHarness(sha3HarnessAbi, sha3HarnessBytecode)
})
afterAll(() => world.anvil.stop())

describe('shared vectors: settlement (test/vectors/settlement.json)', () => {
  it('behavior: claim tokens, one floor (incl. overflow reverts)', async () => {
    for (const v of settlement.claimTokens) {
      const args = [
        BigInt(v.claimedComputeUnits),
        BigInt(v.difficultyTarget),
        BigInt(v.cuToToken.numerator),
        BigInt(v.cuToToken.denominator),
      ]
      if (v.error) {
        await expect(
          call(math, ledgerMathHarnessAbi, 'claimTokens', args),
          JSON.stringify(v),
        ).rejects.toThrow()
      } else {
        expect(await call(math, ledgerMathHarnessAbi, 'claimTokens', args), JSON.stringify(v)).toBe(
          BigInt(v.expected),
        )
      }
    }
  })

  it('behavior: proof requirement (sample, decision) and the weighted draw seed', async () => {
    for (const v of settlement.proofRequirement) {
      if (v.error) continue
      expect(await call(math, ledgerMathHarnessAbi, 'proofSample', [v.claimHash, v.proofSeed])).toBe(
        BigInt(v.sample),
      )
      const required = await call(math, ledgerMathHarnessAbi, 'isProofRequired', [
        BigInt(v.claimTokens),
        BigInt(v.threshold),
        v.claimHash,
        v.proofSeed,
        BigInt(v.probability.numerator),
        BigInt(v.probability.denominator),
      ])
      expect(required, JSON.stringify(v)).toBe(v.required)
      // with rootSum = 2^256 − 1 the draw index is the draw seed itself (sha256 never reaches it here)
      const index = await call(math, ledgerMathHarnessAbi, 'drawIndex', [
        v.proofSeed,
        v.claimHash,
        2n ** 256n - 1n,
      ])
      expect(numberToHex(index as bigint, { size: 32 })).toBe(v.weightedDrawSeed)
    }
  })

  it('behavior: splits (mint ratio, shares, champion, DAO, inflation)', async () => {
    for (const v of settlement.splits) {
      if (v.error) continue
      const [minted, inflation, shares, champion, dao] = await call<
        [bigint, bigint, bigint[], bigint, bigint]
      >(math, ledgerMathHarnessAbi, 'split', [
        BigInt(v.burnAmount),
        BigInt(v.mintRatioBps),
        BigInt(v.supplierBps),
        BigInt(v.championBps),
        BigInt(v.inflationBps),
        v.revenueShares.map((s: { bps: number }) => s.bps),
      ])
      expect(minted).toBe(BigInt(v.expected.minted))
      expect(inflation).toBe(BigInt(v.expected.inflationMinted))
      expect(shares).toEqual(v.expected.supplier.map((s: { amount: string }) => BigInt(s.amount)))
      expect(champion).toBe(BigInt(v.expected.champion))
      expect(dao).toBe(BigInt(v.expected.dao))
    }
  })

  it('behavior: claim hashes', async () => {
    for (const v of settlement.claimHashes) {
      if (v.error) continue
      const header = {
        ...v.sessionHeader,
        sessionStartHeight: BigInt(v.sessionHeader.sessionStartHeight),
        sessionEndHeight: BigInt(v.sessionHeader.sessionEndHeight),
      }
      expect(await call(math, ledgerMathHarnessAbi, 'hashClaim', [header, v.supplierOperator, v.root])).toBe(
        v.expected,
      )
    }
  })

  it('behavior: the minimum proof penalty is exactly what DecaiParams accepts', async () => {
    const base = world.ledger.params
    for (const v of settlement.minProofPenalty) {
      const p = {
        ...base,
        proofRequirementThreshold: BigInt(v.threshold),
        proofRequestProbabilityNumerator: BigInt(v.probability.numerator),
        proofRequestProbabilityDenominator: BigInt(v.probability.denominator),
        proofMissingPenalty: BigInt(v.expected),
      }
      await world.read('params', 'validate', [world.ledger.numBlocksPerSession, p])
      if (BigInt(v.expected) > 0n) {
        const below = { ...p, proofMissingPenalty: BigInt(v.expected) - 1n }
        expect(
          await revertName(world.read('params', 'validate', [world.ledger.numBlocksPerSession, below])),
        ).toBe('InvalidParam')
      }
    }
  })
})

describe('shared vectors: sessions (test/vectors/session.json, pokt-session.json)', () => {
  it('behavior: session ids from the ledger equal the protocol vectors', async () => {
    for (const v of session.sessionIds) {
      const id = await world.read('sessions', 'computeSessionId', [
        v.seed,
        v.serviceId,
        v.application,
        BigInt(v.sessionStartHeight),
      ])
      expect(id, v.serviceId).toBe(v.sessionId)
    }
  })

  it("behavior: on-chain SHA3-256 reproduces POKT's published session ids (bech32 application)", async () => {
    for (const v of poktSession.vectors) {
      const start = BigInt(v.sessionStartHeight)
      const le = numberToHex(
        BigInt(
          `0x${Buffer.from(numberToHex(start, { size: 8 }).slice(2), 'hex')
            .reverse()
            .toString('hex')}`,
        ),
        { size: 8 },
      )
      const preimage = concatHex([v.seed, stringToHex(`.${v.serviceId}.${v.application}.`), le])
      expect(`0x${sha3_256(Buffer.from(preimage.slice(2), 'hex'))}`).toBe(v.sessionId)
      expect(await call(sha3, sha3HarnessAbi, 'sha3_256', [preimage]), v.name).toBe(v.sessionId)
    }
  })

  it('behavior: supplier membership (threshold floor(B / n) · k)', async () => {
    for (const v of session.membership) {
      const inSession = await world.read('sessions', 'isInSession', [
        v.sessionId,
        v.supplierOperator,
        BigInt(v.numSuppliers),
        BigInt(v.suppliersPerSession),
      ])
      expect(inSession, JSON.stringify(v)).toBe(v.inSession)
    }
  })
})
