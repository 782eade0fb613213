import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeMaxRelayComputeUnits } from './computeMaxRelayComputeUnits.ts'
import { computeRelayComputeUnits } from './computeRelayComputeUnits.ts'
import { SettlementInvalidParamsError, SettlementUsageOutOfBoundsError } from './errors.ts'

const pricing = { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n }
const bounds = { maxInputTokens: 512, maxOutputTokens: 256 }

describe('computeRelayComputeUnits', () => {
  it('default', () => {
    expect(computeRelayComputeUnits({ pricing, usage: { inputTokens: 20, outputTokens: 50 }, bounds })).toBe(
      270n,
    )
  })

  it('behavior: accepts bigint and number token counts alike, usage equal to the bound is valid', () => {
    const usage = { inputTokens: 512n, outputTokens: 256 }
    expect(computeRelayComputeUnits({ pricing, usage, bounds })).toBe(100n + 512n + 768n)
  })

  it('behavior: an empty completion still costs the per-request units', () => {
    expect(computeRelayComputeUnits({ pricing, usage: { inputTokens: 0, outputTokens: 0 }, bounds })).toBe(
      100n,
    )
  })

  it('behavior: never above the maximum for the same bounds', () => {
    const u32 = fc.integer({ min: 0, max: 0xffffffff })
    fc.assert(
      fc.property(u32, u32, u32, u32, (a, b, c, d) => {
        const signed = { maxInputTokens: Math.max(a, b), maxOutputTokens: Math.max(c, d) }
        const usage = { inputTokens: Math.min(a, b), outputTokens: Math.min(c, d) }
        const cu = computeRelayComputeUnits({ pricing, usage, bounds: signed })
        return cu <= computeMaxRelayComputeUnits(pricing, signed)
      }),
    )
  })

  it('error: output tokens above the signed bound', () => {
    const run = () =>
      computeRelayComputeUnits({ pricing, usage: { inputTokens: 1, outputTokens: 257 }, bounds })
    expect(run).toThrow(SettlementUsageOutOfBoundsError)
    expect(run).toThrow(
      expect.objectContaining({ code: 'SETTLEMENT_USAGE_OUT_OF_BOUNDS', fault: 'supplier' }),
    )
  })

  it('error: input tokens above the signed bound', () => {
    const usage = { inputTokens: 513, outputTokens: 0 }
    expect(() => computeRelayComputeUnits({ pricing, usage, bounds })).toThrow(
      SettlementUsageOutOfBoundsError,
    )
  })

  it('error: token counts that are not uint32, negative prices', () => {
    const bad = [-1, 1.5, 2 ** 32, Number.NaN]
    for (const inputTokens of bad)
      expect(() =>
        computeRelayComputeUnits({ pricing, usage: { inputTokens, outputTokens: 0 }, bounds }),
      ).toThrow(SettlementInvalidParamsError)
    const negative = { ...pricing, cuPerOutputToken: -1n }
    expect(() =>
      computeRelayComputeUnits({ pricing: negative, usage: { inputTokens: 0, outputTokens: 0 }, bounds }),
    ).toThrow(expect.objectContaining({ code: 'SETTLEMENT_INVALID_PARAMS' }))
  })
})
