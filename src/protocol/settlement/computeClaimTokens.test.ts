import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeClaimTokens } from './computeClaimTokens.ts'
import { SettlementInvalidParamsError } from './errors.ts'

const B = 2n ** 256n - 1n
const tenth = { numerator: 1n, denominator: 10n }

describe('computeClaimTokens', () => {
  it('default', () => {
    expect(
      computeClaimTokens({ claimedComputeUnits: 5_000n, difficultyTarget: 2n ** 254n, cuToToken: tenth }),
    ).toBe(1999n)
  })

  it('behavior: with no difficulty (target = B) the value is floor(sum × rate)', () => {
    const target = `0x${'ff'.repeat(32)}` as const
    expect(
      computeClaimTokens({ claimedComputeUnits: 5_009n, difficultyTarget: target, cuToToken: tenth }),
    ).toBe(500n)
    expect(computeClaimTokens({ claimedComputeUnits: 0n, difficultyTarget: target, cuToToken: tenth })).toBe(
      0n,
    )
  })

  it('behavior: one floor at the end, not per factor', () => {
    // the multiplier B / (B/3 + 1) is a hair under 3; flooring it first would give floor(7 × 2 / 2) = 7
    const target = B / 3n + 1n
    const perFactor = (7n * (B / target)) / 2n
    expect(perFactor).toBe(7n)
    expect(
      computeClaimTokens({
        claimedComputeUnits: 7n,
        difficultyTarget: target,
        cuToToken: { numerator: 1n, denominator: 2n },
      }),
    ).toBe(10n)
    // and a rate of 1/3 over 3 CU: floor(3 × 1/3) = 1, while flooring the rate first would give 0
    expect(
      computeClaimTokens({
        claimedComputeUnits: 3n,
        difficultyTarget: B,
        cuToToken: { numerator: 1n, denominator: 3n },
      }),
    ).toBe(1n)
  })

  it('behavior: equals the nested floor a contract computes, mulDiv(sum × num, B, target) / den', () => {
    const arbitrary = fc.record({
      sum: fc.bigInt({ min: 0n, max: 2n ** 64n }),
      target: fc.bigInt({ min: 2n ** 128n, max: B }),
      numerator: fc.bigInt({ min: 0n, max: 2n ** 32n }),
      denominator: fc.bigInt({ min: 1n, max: 2n ** 32n }),
    })
    fc.assert(
      fc.property(arbitrary, ({ sum, target, numerator, denominator }) => {
        const nested = (sum * numerator * B) / target / denominator
        return (
          computeClaimTokens({
            claimedComputeUnits: sum,
            difficultyTarget: target,
            cuToToken: { numerator, denominator },
          }) === nested
        )
      }),
    )
  })

  it('error: invalid rate, negative sum, zero target, uint256 overflow', () => {
    const cases = [
      { claimedComputeUnits: 1n, difficultyTarget: B, cuToToken: { numerator: 1n, denominator: 0n } },
      { claimedComputeUnits: 1n, difficultyTarget: B, cuToToken: { numerator: -1n, denominator: 1n } },
      { claimedComputeUnits: -1n, difficultyTarget: B, cuToToken: tenth },
      { claimedComputeUnits: 1n, difficultyTarget: 0n, cuToToken: tenth },
      { claimedComputeUnits: 2n, difficultyTarget: 1n, cuToToken: { numerator: 1n, denominator: 1n } },
    ]
    for (const parameters of cases)
      expect(() => computeClaimTokens(parameters)).toThrow(SettlementInvalidParamsError)
  })
})
