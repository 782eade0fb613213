import { describe, expect, it } from 'vitest'
import { computeMaxRelayComputeUnits } from './computeMaxRelayComputeUnits.ts'
import { SettlementInvalidParamsError } from './errors.ts'

const pricing = { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n }

describe('computeMaxRelayComputeUnits', () => {
  it('default', () => {
    expect(computeMaxRelayComputeUnits(pricing, { maxInputTokens: 512, maxOutputTokens: 256 })).toBe(1380n)
  })

  it('behavior: uint32 bounds at their maximum do not overflow', () => {
    const max = 0xffffffff
    expect(computeMaxRelayComputeUnits(pricing, { maxInputTokens: max, maxOutputTokens: max })).toBe(
      100n + 4n * 0xffffffffn,
    )
  })

  it('error: a bound that is not a uint32', () => {
    expect(() => computeMaxRelayComputeUnits(pricing, { maxInputTokens: -1, maxOutputTokens: 1 })).toThrow(
      SettlementInvalidParamsError,
    )
  })
})
