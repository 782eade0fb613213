/**
 * Generates test/vectors/settlement.json: inputs and expected outputs of the settlement math (spec §7) that
 * the Solidity contracts must reproduce. Integers are decimal strings (JSON has no uint256).
 * Run: node --import tsx scripts/gen-settlement-vectors.ts
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bigintToBytes, bytesToHex, concatBytes, type Hex, hexToBytes } from '../src/protocol/bytes/bytes.ts'
import { sha256 } from '../src/protocol/bytes/sha256.ts'
import { computeClaimCap } from '../src/protocol/settlement/computeClaimCap.ts'
import { computeClaimHash } from '../src/protocol/settlement/computeClaimHash.ts'
import { computeClaimTokens } from '../src/protocol/settlement/computeClaimTokens.ts'
import { computeMinProofPenalty } from '../src/protocol/settlement/computeMinProofPenalty.ts'
import { computeOffchainRelayBudget } from '../src/protocol/settlement/computeOffchainRelayBudget.ts'
import { computeProofSample } from '../src/protocol/settlement/computeProofSample.ts'
import { computeRelayComputeUnits } from '../src/protocol/settlement/computeRelayComputeUnits.ts'
import { computeSessionBudget } from '../src/protocol/settlement/computeSessionBudget.ts'
import { computeSettlementSplit } from '../src/protocol/settlement/computeSettlementSplit.ts'
import { computeWeightedDrawSeed } from '../src/protocol/settlement/computeWeightedDrawSeed.ts'
import { isProofRequired } from '../src/protocol/settlement/isProofRequired.ts'
import type { Address, RevenueShare } from '../src/protocol/settlement/types.ts'

const B = 2n ** 256n - 1n
/** Deterministic 32-byte values: sha256(label ‖ i). */
const hash32 = (label: string, i: number): Hex =>
  bytesToHex(sha256(new TextEncoder().encode(label), bigintToBytes(BigInt(i), 8)))
const address = (i: number): Address => `0x${i.toString(16).padStart(40, '0')}`
const bytes32 = (value: bigint): Hex => bytesToHex(bigintToBytes(value, 32))

/** bigint → decimal string, recursively; everything else as is. */
function toJson(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(toJson)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toJson(inner)]))
  return value
}

function errorCodeOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    return (error as { code: string }).code
  }
  throw new Error('expected an error')
}

function computeUnitVectors() {
  const pricing = { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n }
  const bounds = { maxInputTokens: 512, maxOutputTokens: 256 }
  const usages = [
    [0, 0],
    [20, 50],
    [512, 256],
    [4_294_967_295, 4_294_967_295],
  ] as const
  const valid = usages.map(([inputTokens, outputTokens], i) => {
    const signed = i === 3 ? { maxInputTokens: inputTokens, maxOutputTokens: outputTokens } : bounds
    const input = { pricing, usage: { inputTokens, outputTokens }, bounds: signed }
    return { ...input, expected: computeRelayComputeUnits(input) }
  })
  const outOfBounds = { pricing, usage: { inputTokens: 1, outputTokens: 257 }, bounds }
  return [...valid, { ...outOfBounds, error: errorCodeOf(() => computeRelayComputeUnits(outOfBounds)) }]
}

function claimTokenVectors() {
  const rates = [
    { numerator: 1n, denominator: 10n },
    { numerator: 1n, denominator: 1n },
    { numerator: 145_990n, denominator: 1_000_000n },
    { numerator: 7n, denominator: 3n },
  ]
  const targets = [B, B / 3n + 1n, 2n ** 254n, 2n ** 200n + 12_345n, 1_000_000_007n]
  const sums = [0n, 1n, 7n, 5_000n, 123_456_789n]
  return targets.flatMap((target, t) =>
    sums.map((claimedComputeUnits, s) => {
      const input = { claimedComputeUnits, difficultyTarget: bytes32(target), cuToToken: rates[(t + s) % 4]! }
      return { ...input, expected: computeClaimTokens(input) }
    }),
  )
}

function splitVectors() {
  const shareSets: RevenueShare[][] = [
    [{ address: address(1), bps: 10_000 }],
    [
      { address: address(2), bps: 3_333 },
      { address: address(3), bps: 6_667 },
    ],
    [
      { address: address(4), bps: 1 },
      { address: address(5), bps: 4_999 },
      { address: address(6), bps: 5_000 },
    ],
  ]
  const cases = [
    { burnAmount: 1_000n, mintRatioBps: 10_000, supplierBps: 8_000, championBps: 1_000, inflationBps: 0 },
    { burnAmount: 999n, mintRatioBps: 9_750, supplierBps: 8_000, championBps: 1_000, inflationBps: 0 },
    { burnAmount: 10n, mintRatioBps: 10_000, supplierBps: 8_000, championBps: 1_000, inflationBps: 1 },
    { burnAmount: 0n, mintRatioBps: 10_000, supplierBps: 7_000, championBps: 3_000, inflationBps: 500 },
    {
      burnAmount: 123_456_789n,
      mintRatioBps: 9_999,
      supplierBps: 6_543,
      championBps: 1_234,
      inflationBps: 321,
    },
    {
      burnAmount: 2n ** 200n + 1n,
      mintRatioBps: 10_000,
      supplierBps: 10_000,
      championBps: 0,
      inflationBps: 10_000,
    },
  ]
  const valid = cases.flatMap((params, c) => {
    const input = { ...params, revenueShares: shareSets[c % 3]! }
    return [{ ...input, expected: computeSettlementSplit(input) }]
  })
  const invalid = [
    { ...cases[0]!, supplierBps: 9_001, revenueShares: shareSets[0]! },
    { ...cases[0]!, revenueShares: [{ address: address(1), bps: 9_999 }] },
    {
      ...cases[0]!,
      revenueShares: [
        { address: address(0xab), bps: 5_000 },
        { address: address(0xab).toUpperCase().replace('0X', '0x') as Address, bps: 5_000 },
      ],
    },
    { ...cases[0]!, revenueShares: [...shareSets[0]!, { address: address(7), bps: 0 }] },
    { ...cases[0]!, mintRatioBps: 10_001, revenueShares: shareSets[0]! },
  ].map((input) => ({ ...input, error: errorCodeOf(() => computeSettlementSplit(input)) }))
  return [...valid, ...invalid]
}

function capVectors() {
  const cases = [
    { appStake: 1_000_000_000n, numPendingSessions: 3n, claimants: 2n, suppliersPerSession: 4n },
    { appStake: 29n, numPendingSessions: 3n, claimants: 3n, suppliersPerSession: 3n },
    { appStake: 0n, numPendingSessions: 1n, claimants: 1n, suppliersPerSession: 1n },
    { appStake: 10n ** 30n + 7n, numPendingSessions: 7n, claimants: 5n, suppliersPerSession: 8n },
  ]
  return cases.map(({ claimants, ...input }) => {
    const sessionBudget = computeSessionBudget(input)
    const claimCap = computeClaimCap({ budget: sessionBudget, claimants })
    return {
      ...input,
      claimants,
      sessionBudget,
      claimCap,
      offchainRelayBudget: computeOffchainRelayBudget(input),
    }
  })
}

function claimHashVectors() {
  const serviceIds = ['llama-tiny', '', 'a service id that is longer than thirty-two bytes, ünïcode']
  return serviceIds.map((serviceId, i) => {
    const input = {
      sessionHeader: {
        application: address(0xa0 + i),
        serviceId,
        sessionId: hash32('session', i),
        sessionStartHeight: BigInt(i * 4 + 1),
        sessionEndHeight: i === 2 ? 2n ** 64n - 1n : BigInt(i * 4 + 4),
      },
      supplierOperator: address(0xb0 + i),
      // a root is hash ‖ sum ‖ count (48 bytes); its contents do not matter to the claim hash
      root: bytesToHex(
        concatBytes(hexToBytes(hash32('root', i)), bigintToBytes(BigInt(1_000 * i), 8), bigintToBytes(3n, 8)),
      ),
    }
    return { ...input, expected: computeClaimHash(input) }
  })
}

function proofRequirementVectors() {
  const probabilities = [
    { numerator: 1n, denominator: 4n },
    { numerator: 0n, denominator: 1n },
    { numerator: 1n, denominator: 1n },
    { numerator: 1n, denominator: 100n },
  ]
  return Array.from({ length: 12 }, (_, i) => {
    const input = {
      claimTokens: i % 3 === 2 ? 10_000_000n : 9_999_999n,
      threshold: 10_000_000n,
      probability: probabilities[i % 4]!,
      claimHash: hash32('claim', i),
      proofSeed: hash32('seed', i),
    }
    return {
      ...input,
      sample: computeProofSample(input),
      required: isProofRequired(input),
      weightedDrawSeed: computeWeightedDrawSeed(input.proofSeed, input.claimHash),
    }
  })
}

function penaltyVectors() {
  const probabilities: [bigint, bigint][] = [
    [1n, 1n],
    [1n, 2n],
    [1n, 4n],
    [3n, 7n],
    [1n, 100n],
    [1n, 1_000n],
  ]
  return probabilities.map(([numerator, denominator]) => {
    const input = { threshold: 10_000_000n, probability: { numerator, denominator } }
    return { ...input, expected: computeMinProofPenalty(input) }
  })
}

/** Every vector set, as plain JSON (integers as decimal strings). */
export function buildSettlementVectors(): unknown {
  return toJson({
    description:
      'decai settlement vectors (spec §7): integers are decimal strings; errors are SETTLEMENT_* codes.',
    computeUnits: computeUnitVectors(),
    claimTokens: claimTokenVectors(),
    splits: splitVectors(),
    caps: capVectors(),
    claimHashes: claimHashVectors(),
    proofRequirement: proofRequirementVectors(),
    minProofPenalty: penaltyVectors(),
  })
}

/** Where the vectors live, relative to this script. */
export const settlementVectorsPath = fileURLToPath(
  new URL('../test/vectors/settlement.json', import.meta.url),
)

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(settlementVectorsPath, `${JSON.stringify(buildSettlementVectors(), null, 2)}\n`)
}
