import { describe, expect, it } from 'vitest'
import { computeMinProofPenalty } from './computeMinProofPenalty.ts'
import { computeSettlementSplit } from './computeSettlementSplit.ts'
import { devnetEconomics } from './devnetEconomics.ts'

describe('devnetEconomics', () => {
  it('default', () => {
    expect(
      computeMinProofPenalty({
        threshold: devnetEconomics.proofRequirementThreshold,
        probability: devnetEconomics.proofRequestProbability,
      }),
    ).toBe(devnetEconomics.proofMissingPenalty)
  })

  it('behavior: the default shares are a valid split', () => {
    const split = computeSettlementSplit({
      ...devnetEconomics,
      burnAmount: 1_000n,
      revenueShares: [{ address: `0x${'11'.repeat(20)}`, bps: 10_000 }],
    })
    expect([split.supplier[0]?.amount, split.champion, split.dao]).toEqual([800n, 100n, 100n])
  })
})
