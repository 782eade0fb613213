import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeClaimCap } from './computeClaimCap.ts'
import { computeOffchainRelayBudget } from './computeOffchainRelayBudget.ts'
import { computeSessionBudget } from './computeSessionBudget.ts'
import { SettlementInvalidParamsError } from './errors.ts'

describe('computeOffchainRelayBudget', () => {
  it('default', () => {
    expect(
      computeOffchainRelayBudget({
        appStake: 1_000_000_000n,
        suppliersPerSession: 4n,
        numPendingSessions: 3n,
      }),
    ).toBe(62_500_000n)
  })

  it('behavior: never above the on-chain cap when claimants ≤ suppliersPerSession', () => {
    const arbitrary = fc
      .record({
        appStake: fc.bigInt({ min: 0n, max: 2n ** 128n }),
        suppliersPerSession: fc.bigInt({ min: 1n, max: 64n }),
        numPendingSessions: fc.bigInt({ min: 1n, max: 100n }),
        claimants: fc.bigInt({ min: 1n, max: 64n }),
      })
      .filter(({ claimants, suppliersPerSession }) => claimants <= suppliersPerSession)
    fc.assert(
      fc.property(arbitrary, ({ claimants, ...params }) => {
        const budget = computeSessionBudget(params)
        return computeOffchainRelayBudget(params) <= computeClaimCap({ budget, claimants })
      }),
      { numRuns: 500 },
    )
  })

  it('behavior: the +1 pending session applies even with none pending', () => {
    expect(
      computeOffchainRelayBudget({ appStake: 100n, suppliersPerSession: 1n, numPendingSessions: 0n }),
    ).toBe(100n)
    expect(
      computeOffchainRelayBudget({ appStake: 100n, suppliersPerSession: 1n, numPendingSessions: 1n }),
    ).toBe(50n)
  })

  it('error: zero suppliers per session or negative inputs', () => {
    const cases = [
      { appStake: 1n, suppliersPerSession: 0n, numPendingSessions: 1n },
      { appStake: -1n, suppliersPerSession: 1n, numPendingSessions: 1n },
      { appStake: 1n, suppliersPerSession: 1n, numPendingSessions: -1n },
    ]
    for (const params of cases)
      expect(() => computeOffchainRelayBudget(params)).toThrow(SettlementInvalidParamsError)
  })
})
