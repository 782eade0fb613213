/**
 * Prints one JSON object: one session's economics under the devnet defaults (relays → compute units →
 * mined relays → claim value → cap → split → proof requirement), and the proof-penalty calibration for
 * several p with a simulated average payoff of claims made without a proof.
 * Run: node --import tsx scripts/sim-settlement.ts
 */
import { bigintToBytes, bytesToBigint, bytesToHex, bytesToUint64 } from '../src/protocol/bytes/bytes.ts'
import { sha256 } from '../src/protocol/bytes/sha256.ts'
import { defaultSuppliersPerSession } from '../src/protocol/session/defaultSuppliersPerSession.ts'
import { getNumPendingSessions } from '../src/protocol/session/getNumPendingSessions.ts'
import { sessionParamsPresets } from '../src/protocol/session/sessionParamsPresets.ts'
import { computeClaimCap } from '../src/protocol/settlement/computeClaimCap.ts'
import { computeClaimHash } from '../src/protocol/settlement/computeClaimHash.ts'
import { computeClaimTokens } from '../src/protocol/settlement/computeClaimTokens.ts'
import { computeMinProofPenalty } from '../src/protocol/settlement/computeMinProofPenalty.ts'
import { computeOffchainRelayBudget } from '../src/protocol/settlement/computeOffchainRelayBudget.ts'
import { computeRelayComputeUnits } from '../src/protocol/settlement/computeRelayComputeUnits.ts'
import { computeSessionBudget } from '../src/protocol/settlement/computeSessionBudget.ts'
import { computeSettlementSplit } from '../src/protocol/settlement/computeSettlementSplit.ts'
import { devnetEconomics as econ } from '../src/protocol/settlement/devnetEconomics.ts'
import { isProofRequired } from '../src/protocol/settlement/isProofRequired.ts'
import type { Rational } from '../src/protocol/settlement/types.ts'

const B = 2n ** 256n - 1n
const RELAYS = 2_000
/** Deterministic pseudo-random bytes: sha256(label ‖ i). */
const draw = (label: string, i: number) =>
  sha256(new TextEncoder().encode(label), bigintToBytes(BigInt(i), 8))
const json = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))

function serveSession(target: bigint) {
  const bounds = { maxInputTokens: 512, maxOutputTokens: 256 }
  let servedComputeUnits = 0n
  let claimedComputeUnits = 0n
  let mined = 0
  for (let i = 0; i < RELAYS; i++) {
    const sample = bytesToUint64(draw('usage', i))
    const usage = { inputTokens: Number(sample % 512n), outputTokens: Number((sample >> 32n) % 256n) }
    const computeUnits = computeRelayComputeUnits({ pricing: econ.pricing, usage, bounds })
    servedComputeUnits += computeUnits
    // stand-in for the relay hash (sha256 of the relay bytes): only its uniformity matters here
    if (bytesToBigint(draw('relay', i)) < target) {
      mined++
      claimedComputeUnits += computeUnits
    }
  }
  return { relays: RELAYS, servedComputeUnits, mined, claimedComputeUnits }
}

function workedSession() {
  const target = B / 4n // multiplier ≈ 4: about one relay in four is mined
  const served = serveSession(target)
  const claimTokens = computeClaimTokens({ ...served, difficultyTarget: target, cuToToken: econ.cuToToken })
  const appStake = 1_000_000_000n // 1 000 tokens
  const numPendingSessions = getNumPendingSessions(sessionParamsPresets.devnet)
  const claimants = 3n
  const budget = computeSessionBudget({ appStake, numPendingSessions })
  const claimCap = computeClaimCap({ budget, claimants })
  // biome-ignore lint/complexity/useMathMinMax: Math.min does not take bigints
  const burnAmount = claimTokens < claimCap ? claimTokens : claimCap
  const revenueShares = [
    { address: `0x${'0a'.repeat(20)}` as const, bps: 7_000 },
    { address: `0x${'0b'.repeat(20)}` as const, bps: 3_000 },
  ]
  const split = computeSettlementSplit({ ...econ, burnAmount, revenueShares })
  const claimHash = computeClaimHash({
    sessionHeader: {
      application: `0x${'aa'.repeat(20)}`,
      serviceId: 'llama-tiny',
      sessionId: bytesToHex(draw('session', 0)),
      sessionStartHeight: 1n,
      sessionEndHeight: 10n,
    },
    supplierOperator: `0x${'bb'.repeat(20)}`,
    root: bytesToHex(new Uint8Array(48).fill(7)),
  })
  const proofSeed = bytesToHex(draw('seed', 0))
  const proofRequired = isProofRequired({
    claimTokens,
    threshold: econ.proofRequirementThreshold,
    probability: econ.proofRequestProbability,
    claimHash,
    proofSeed,
  })
  return {
    ...served,
    multiplier: Number(B) / Number(target),
    servedTokensExact: Number(
      (served.servedComputeUnits * econ.cuToToken.numerator) / econ.cuToToken.denominator,
    ),
    claimTokens,
    caps: {
      appStake,
      numPendingSessions,
      claimants,
      sessionBudget: budget,
      claimCap,
      offchainRelayBudget: computeOffchainRelayBudget({
        appStake,
        suppliersPerSession: defaultSuppliersPerSession,
        numPendingSessions,
      }),
    },
    split: { ...split, fromMint: undefined, fromInflation: undefined },
    proof: { claimHash, proofSeed, required: proofRequired },
  }
}

const FAKE_CLAIMS = 20_000

/**
 * Claims worth `value` with no work (and so no proof) behind them, over deterministic claim hashes: the
 * fraction caught and the average payoff with its standard error (the payoff is ±, so small p is noisy).
 */
function simulateFakeClaims(value: bigint, penalty: bigint, probability: Rational) {
  let caught = 0
  for (let i = 0; i < FAKE_CLAIMS; i++) {
    const claimHash = bytesToHex(draw('fake-claim', i))
    const proofSeed = bytesToHex(draw('fake-seed', i))
    const threshold = econ.proofRequirementThreshold
    if (isProofRequired({ claimTokens: value, threshold, probability, claimHash, proofSeed })) caught++
  }
  const fraction = caught / FAKE_CLAIMS
  const spread = Number(value + penalty) * Math.sqrt(fraction * (1 - fraction))
  return {
    requiredFraction: fraction,
    averagePayoff: Math.round((1 - fraction) * Number(value) - fraction * Number(penalty)),
    standardError: Math.round(spread / Math.sqrt(FAKE_CLAIMS)),
  }
}

function penaltyCalibration() {
  const threshold = econ.proofRequirementThreshold
  const value = threshold - 1n // the most a claim can be worth and still escape a proof
  return [2n, 4n, 10n, 100n].map((denominator) => {
    const probability = { numerator: 1n, denominator }
    const penalty = computeMinProofPenalty({ threshold, probability })
    // exact: E[payoff] = ((1 − p)·v − p·S), here over the common denominator
    const scaledExpectedPayoff = (denominator - 1n) * value - penalty
    return {
      p: `1/${denominator}`,
      threshold,
      minPenalty: penalty,
      penaltyOverThreshold: Number(penalty) / Number(threshold),
      expectedFakeClaimPayoff: Number(scaledExpectedPayoff) / Number(denominator),
      simulated: simulateFakeClaims(value, penalty, probability),
    }
  })
}

process.stdout.write(
  `${json({ name: 'sim-settlement', defaults: econ, session: workedSession(), penaltyCalibration: penaltyCalibration() })}\n`,
)
