import { describe, expect, it } from 'vitest'
import { computeClaimTokens } from './computeClaimTokens.ts'
import { computeRelayCostTokens } from './computeRelayCostTokens.ts'
import { SettlementInvalidParamsError } from './errors.ts'

const tenth = { numerator: 1n, denominator: 10n }

describe('computeRelayCostTokens', () => {
  it('default', () => {
    expect(computeRelayCostTokens({ computeUnits: 270n, cuToToken: tenth })).toEqual({
      numerator: 270n,
      denominator: 10n,
    })
  })

  it('behavior: cheap relays are not floored to zero; summed costs match the claim value at target = B', () => {
    const costs = Array.from({ length: 25 }, () =>
      computeRelayCostTokens({ computeUnits: 4n, cuToToken: tenth }),
    )
    const total = costs.reduce((sum, cost) => sum + cost.numerator, 0n)
    // 25 relays of 0.4 base units: a per-relay floor would have metered 0
    expect(total / 10n).toBe(10n)
    expect(
      computeClaimTokens({ claimedComputeUnits: 100n, difficultyTarget: 2n ** 256n - 1n, cuToToken: tenth }),
    ).toBe(10n)
  })

  it('error: negative compute units or a zero denominator', () => {
    expect(() => computeRelayCostTokens({ computeUnits: -1n, cuToToken: tenth })).toThrow(
      SettlementInvalidParamsError,
    )
    expect(() =>
      computeRelayCostTokens({ computeUnits: 1n, cuToToken: { numerator: 1n, denominator: 0n } }),
    ).toThrow(SettlementInvalidParamsError)
  })
})
