import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeSettlementSplit } from './computeSettlementSplit.ts'
import { SettlementInvalidParamsError, SettlementInvalidSharesError } from './errors.ts'
import type { Address } from './types.ts'

const owner: Address = `0x${'11'.repeat(20)}`
const operator: Address = `0x${'22'.repeat(20)}`
const base = {
  burnAmount: 1_000n,
  mintRatioBps: 10_000,
  supplierBps: 8_000,
  championBps: 1_000,
  inflationBps: 0,
  revenueShares: [{ address: owner, bps: 10_000 }],
}

/** Up to 5 distinct addresses with positive bps summing to 10 000. */
const revenueSharesArbitrary = fc
  .uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: 0, maxLength: 4 })
  .map((cuts) => {
    const edges = [0, ...cuts.sort((a, b) => a - b), 10_000]
    return edges.slice(1).map((edge, i) => ({
      address: `0x${(i + 1).toString(16).padStart(40, '0')}` as Address,
      bps: edge - edges[i]!,
    }))
  })

const paramsArbitrary = fc
  .record({
    burnAmount: fc.bigInt({ min: 0n, max: 2n ** 128n }),
    mintRatioBps: fc.integer({ min: 0, max: 10_000 }),
    supplierBps: fc.integer({ min: 0, max: 10_000 }),
    championBps: fc.integer({ min: 0, max: 10_000 }),
    inflationBps: fc.integer({ min: 0, max: 10_000 }),
    revenueShares: revenueSharesArbitrary,
  })
  .filter(({ supplierBps, championBps }) => supplierBps + championBps <= 10_000)

describe('computeSettlementSplit', () => {
  it('default', () => {
    const split = computeSettlementSplit(base)
    expect(split.burned).toBe(1_000n)
    expect(split.minted).toBe(1_000n)
    expect(split.supplier).toEqual([{ address: owner, amount: 800n }])
    expect(split.champion).toBe(100n)
    expect(split.dao).toBe(100n)
    expect(split.inflationMinted).toBe(0n)
  })

  it('behavior: floors go to the DAO, the revenue-share remainder to the first share', () => {
    const split = computeSettlementSplit({
      ...base,
      burnAmount: 999n,
      mintRatioBps: 9_750,
      revenueShares: [
        { address: operator, bps: 3_333 },
        { address: owner, bps: 6_667 },
      ],
    })
    // mint floor(999 × 0.975) = 974; supplier floor(779.2) = 779 → 259 (+1) and 519; champion 97; DAO 98
    expect(split.minted).toBe(974n)
    expect(split.netBurned).toBe(25n)
    expect(split.supplier).toEqual([
      { address: operator, amount: 260n },
      { address: owner, amount: 519n },
    ])
    expect(split.champion).toBe(97n)
    expect(split.dao).toBe(98n)
  })

  it('behavior: inflation rounds up and is split the same way', () => {
    const split = computeSettlementSplit({ ...base, burnAmount: 10n, inflationBps: 1 })
    expect(split.inflationMinted).toBe(1n)
    // 1 unit: supplier floor(0.8) = 0, champion 0, DAO takes it
    expect(split.fromInflation).toEqual({
      total: 1n,
      supplier: [{ address: owner, amount: 0n }],
      champion: 0n,
      dao: 1n,
    })
    expect(split.dao).toBe(2n)
  })

  it('behavior: nothing is created or lost, and every payout is ≥ 0', () => {
    fc.assert(
      fc.property(paramsArbitrary, (params) => {
        const split = computeSettlementSplit(params)
        const payouts = [...split.supplier.map((s) => s.amount), split.champion, split.dao]
        const total = payouts.reduce((sum, amount) => sum + amount, 0n)
        return (
          split.burned === params.burnAmount &&
          split.minted <= split.burned &&
          split.netBurned === split.burned - split.minted &&
          total === split.minted + split.inflationMinted &&
          payouts.every((amount) => amount >= 0n) &&
          split.supplier.length === params.revenueShares.length
        )
      }),
      { numRuns: 300 },
    )
  })

  it('error: invalid shares', () => {
    const cases = [
      { supplierBps: 9_000, championBps: 1_001 },
      { revenueShares: [] },
      { revenueShares: [{ address: owner, bps: 9_999 }] },
      {
        revenueShares: [
          { address: owner, bps: 5_000 },
          { address: owner.toUpperCase().replace('0X', '0x') as Address, bps: 5_000 },
        ],
      },
      {
        revenueShares: [
          { address: owner, bps: 10_000 },
          { address: operator, bps: 0 },
        ],
      },
      { revenueShares: [{ address: '0x1234' as Address, bps: 10_000 }] },
    ]
    for (const override of cases)
      expect(() => computeSettlementSplit({ ...base, ...override })).toThrow(SettlementInvalidSharesError)
  })

  it('error: invalid parameters', () => {
    const cases = [{ mintRatioBps: 10_001 }, { inflationBps: -1 }, { supplierBps: 0.5 }, { burnAmount: -1n }]
    for (const override of cases)
      expect(() => computeSettlementSplit({ ...base, ...override })).toThrow(SettlementInvalidParamsError)
  })
})
