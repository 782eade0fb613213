import { describe, expect, it } from 'vitest'
import { baseTarget } from './baseTarget.ts'
import { toTargetValue } from './toTargetValue.ts'

describe('toTargetValue', () => {
  it('default', () => {
    expect(toTargetValue(`0x${'ff'.repeat(32)}`)).toBe(baseTarget)
  })

  it('behavior: bigint, bytes32 hex and bytes agree (big-endian)', () => {
    expect(toTargetValue(`0x7f${'ff'.repeat(31)}`)).toBe(2n ** 255n - 1n)
    const bytes = new Uint8Array(32)
    bytes[31] = 1
    expect(toTargetValue(bytes)).toBe(1n)
    expect(toTargetValue(42n)).toBe(42n)
  })

  it('error: zero, above B, wrong length', () => {
    for (const bad of [0n, 2n ** 256n, `0x${'00'.repeat(32)}`, `0x${'ff'.repeat(31)}`, new Uint8Array(8)])
      expect(() => toTargetValue(bad as bigint)).toThrow(
        expect.objectContaining({ code: 'DIFFICULTY_INVALID_TARGET' }),
      )
  })
})
