import { describe, expect, it } from 'vitest'
import { SettlementInvalidParamsError } from './errors.ts'
import { toDifficultyTarget } from './toDifficultyTarget.ts'

describe('toDifficultyTarget', () => {
  it('default', () => {
    expect(toDifficultyTarget(`0x${'ff'.repeat(32)}`)).toBe(2n ** 256n - 1n)
  })

  it('behavior: bytes32 is big-endian; bigints pass through', () => {
    expect(toDifficultyTarget(`0x${'00'.repeat(31)}01`)).toBe(1n)
    expect(toDifficultyTarget(`0x40${'00'.repeat(31)}`)).toBe(2n ** 254n)
    expect(toDifficultyTarget(12345n)).toBe(12345n)
  })

  it('error: zero, above 2^256 − 1, or not 32 bytes', () => {
    for (const bad of [0n, 2n ** 256n, `0x${'00'.repeat(32)}`, '0x01', `0x${'ff'.repeat(33)}`] as const)
      expect(() => toDifficultyTarget(bad as bigint)).toThrow(SettlementInvalidParamsError)
  })
})
