import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeClaimCap } from './computeClaimCap.ts'
import { computeSessionBudget } from './computeSessionBudget.ts'
import { SettlementInvalidParamsError } from './errors.ts'

describe('computeClaimCap', () => {
  it('default', () => {
    expect(computeClaimCap({ budget: 333_333_333n, claimants: 2n })).toBe(166_666_666n)
  })

  it('behavior: budget then cap equals one floor over pending × claimants', () => {
    const positive = fc.bigInt({ min: 1n, max: 1_000n })
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 96n }),
        positive,
        positive,
        (appStake, pending, claimants) => {
          const budget = computeSessionBudget({ appStake, numPendingSessions: pending })
          return computeClaimCap({ budget, claimants }) === appStake / (pending * claimants)
        },
      ),
    )
  })

  it('error: no claimants or a negative budget', () => {
    expect(() => computeClaimCap({ budget: 1n, claimants: 0n })).toThrow(SettlementInvalidParamsError)
    expect(() => computeClaimCap({ budget: -1n, claimants: 1n })).toThrow(SettlementInvalidParamsError)
  })
})
