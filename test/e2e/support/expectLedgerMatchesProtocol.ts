import { expect } from 'vitest'
import {
  getDifficulty,
  getParams,
  getService,
  getSupplier,
  type Ledger,
  readLedger,
} from '../../../src/chain/index.ts'
import { queryClaims, queryProofs, querySettlements } from '../../../src/cli/query/queryEvents.ts'
import { queryDifficulty } from '../../../src/cli/query/querySession.ts'
import type { Hex } from '../../../src/protocol/bytes/bytes.ts'
import {
  computeClaimCap,
  computeClaimHash,
  computeClaimTokens,
  computeNextDifficulty,
  computeSessionBudget,
  computeSettlementSplit,
  getNumPendingSessions,
  isProofRequired,
} from '../../../src/protocol/index.ts'
import type { MoneySnapshot } from './ledgerView.ts'

type Claim = Awaited<ReturnType<typeof queryClaims>>[number]
type Settlement = Awaited<ReturnType<typeof querySettlements>>[number]

/** What the ledger did for a set of claims, read from its events. */
export type LedgerOutcome = {
  claims: Claim[]
  settlements: Settlement[]
  provenClaimKeys: Set<Hex>
}

/**
 * Reads the claims of an application made from `fromBlock` on, their settlement outcomes and proofs.
 *
 * @example
 * const outcome = await readOutcome(ledger, { application, fromBlock })
 */
export async function readOutcome(
  ledger: Ledger,
  filters: { application: Hex; fromBlock: bigint },
): Promise<LedgerOutcome> {
  const [claims, settlements, proofs] = await Promise.all([
    queryClaims(ledger, filters),
    querySettlements(ledger, filters),
    queryProofs(ledger, filters),
  ])
  return { claims, settlements, provenClaimKeys: new Set(proofs.map((proof) => proof.claimKey)) }
}

/**
 * Checks every settlement against `src/protocol/settlement` (claim value, proof draw, cap, split) and
 * returns the token movements the protocol predicts, per address, plus the total burned.
 *
 * @example
 * const expected = await expectSettlementsFollowProtocol(ledger, outcome)
 */
export async function expectSettlementsFollowProtocol(
  ledger: Ledger,
  outcome: LedgerOutcome,
  finalApplicationStake: bigint,
): Promise<{ credits: Map<string, bigint>; burned: bigint }> {
  const credits = new Map<string, bigint>()
  const credit = (address: string, amount: bigint) =>
    credits.set(address.toLowerCase(), (credits.get(address.toLowerCase()) ?? 0n) + amount)
  let burned = 0n
  expect(outcome.settlements.filter((s) => s.outcome === 'expired')).toEqual([])
  for (const settlement of outcome.settlements) {
    const claim = outcome.claims.find((c) => c.claimKey === settlement.claimKey)!
    const terms = await readClaimTerms(ledger, claim)
    const claimTokens = computeClaimTokens({
      claimedComputeUnits: claim.computeUnits,
      difficultyTarget: terms.target,
      cuToToken: terms.cuToToken,
    })
    expect(settlement.claimTokens).toBe(claimTokens)
    const isRequired = isProofRequired({
      claimTokens,
      threshold: terms.params.proofRequirementThreshold,
      probability: terms.proofProbability,
      claimHash: computeClaimHash({
        sessionHeader: terms.header,
        supplierOperator: claim.supplier,
        root: claim.root,
      }),
      proofSeed: terms.proofSeed,
    })
    expect(settlement.isProofRequired).toBe(isRequired)
    expect(outcome.provenClaimKeys.has(claim.claimKey)).toBe(isRequired)
    // The cap only binds when the claim is worth more than the application's share of its stake; the final
    // (lowest) stake gives the lowest cap, so below it the burn must be the whole claim.
    const cap = computeClaimCap({
      budget: computeSessionBudget({
        appStake: finalApplicationStake,
        numPendingSessions: terms.numPendingSessions,
      }),
      claimants: BigInt(outcome.claims.filter((c) => c.session === claim.session).length),
    })
    expect(claimTokens).toBeLessThan(cap)
    expect(settlement.burned).toBe(claimTokens)
    const split = computeSettlementSplit({
      burnAmount: settlement.burned,
      mintRatioBps: terms.params.mintRatioBps,
      supplierBps: terms.params.supplierBps,
      championBps: terms.championBps,
      inflationBps: terms.params.inflationBps,
      revenueShares: terms.revenueShares,
    })
    expect(settlement.minted).toBe(split.minted)
    expect(settlement.inflationMinted).toBe(split.inflationMinted)
    for (const share of split.supplier) credit(share.address, share.amount)
    credit(terms.champion, split.champion)
    credit(terms.params.dao, split.dao)
    burned += settlement.burned
  }
  return { credits, burned }
}

/**
 * Checks that every balance moved by exactly what the protocol predicts: payees up by their credits,
 * everyone else unchanged, the application's stake down by the burns, no supplier stake slashed.
 *
 * @example
 * expectMoneyMoved(before, after, expected)
 */
export function expectMoneyMoved(
  before: MoneySnapshot,
  after: MoneySnapshot,
  expected: { credits: Map<string, bigint>; burned: bigint },
): void {
  const moved = Object.fromEntries(
    [...after.balances].map(([address, balance]) => [address, balance - before.balances.get(address)!]),
  )
  const predicted = Object.fromEntries(
    [...after.balances.keys()].map((address) => [address, expected.credits.get(address) ?? 0n]),
  )
  expect(moved).toEqual(predicted)
  expect(before.applicationStake - after.applicationStake).toBe(expected.burned)
  expect(after.supplierStakes).toEqual(before.supplierStakes)
}

/**
 * Checks each difficulty update against `computeNextDifficulty`, fed with the mined relays the claims of
 * the settled session carried, and returns the updates.
 *
 * @example
 * const updates = await expectDifficultyFollowsProtocol(ledger, 'decai-tiny', claims)
 */
export async function expectDifficultyFollowsProtocol(
  ledger: Ledger,
  serviceId: string,
  claims: readonly Claim[],
) {
  const { history } = await queryDifficulty(ledger, { serviceId })
  let prevEma: bigint | undefined
  for (const update of history) {
    const { params } = await getParams(ledger, { session: update.settledSession })
    const { target } = await getDifficulty(ledger, { serviceId, session: update.settledSession })
    const minedRelays = claims
      .filter((c) => c.session === update.settledSession)
      .reduce((sum, c) => sum + c.relays, 0n)
    const next = computeNextDifficulty({
      prevEma,
      minedRelays,
      target,
      targetRelays: params.targetRelaysPerSession,
      alpha: { numerator: BigInt(params.emaAlphaNumerator), denominator: BigInt(params.emaAlphaDenominator) },
    })
    expect({ estimated: update.estimatedRelays, ema: update.ema, target: update.target }).toEqual({
      estimated: next.estimatedRelays,
      ema: next.ema,
      target: next.target,
    })
    expect((await getDifficulty(ledger, { serviceId, session: update.fromSession })).target).toBe(
      update.target,
    )
    prevEma = update.ema
  }
  return history
}

async function readClaimTerms(ledger: Ledger, claim: Claim) {
  const [{ params }, { target }, service, supplier, proofSeed] = await Promise.all([
    getParams(ledger, { session: claim.session }),
    getDifficulty(ledger, { serviceId: claim.serviceId, session: claim.session }),
    getService(ledger, { serviceId: claim.serviceId, session: claim.session }),
    getSupplier(ledger, { operator: claim.supplier }),
    readLedger(ledger, 'sessions', 'proofSeed', [claim.session]),
  ])
  return {
    params,
    target,
    header: claim.header,
    proofSeed,
    champion: service.owner,
    championBps: service.pricing!.championBps,
    revenueShares: supplier.revenueShares.map((share) => ({ address: share.recipient, bps: share.bps })),
    cuToToken: { numerator: params.cuToTokenNumerator, denominator: params.cuToTokenDenominator },
    proofProbability: {
      numerator: params.proofRequestProbabilityNumerator,
      denominator: params.proofRequestProbabilityDenominator,
    },
    numPendingSessions: getNumPendingSessions({
      numBlocksPerSession: ledger.numBlocksPerSession,
      genesisHeight: ledger.genesisHeight,
      gracePeriodBlocks: BigInt(params.gracePeriodBlocks),
      claimWindowOpenOffset: BigInt(params.claimWindowOpenOffset),
      claimWindowCloseOffset: BigInt(params.claimWindowCloseOffset),
      proofWindowOpenOffset: BigInt(params.proofWindowOpenOffset),
      proofWindowCloseOffset: BigInt(params.proofWindowCloseOffset),
    }),
  }
}
