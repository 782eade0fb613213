import { describe, expect, it } from 'vitest'
import { baseTarget } from './baseTarget.ts'
import { computeDifficultyMultiplier } from './computeDifficultyMultiplier.ts'
import { computeRelayProbability } from './computeRelayProbability.ts'

describe('computeRelayProbability', () => {
  it('default', () => {
    expect(computeRelayProbability(baseTarget)).toEqual({ numerator: 1n, denominator: 1n })
  })

  it('behavior: the exact inverse of the multiplier', () => {
    for (const target of [1n, 12345n, baseTarget / 10n, 2n ** 255n - 1n]) {
      const p = computeRelayProbability(target)
      const m = computeDifficultyMultiplier(target)
      expect(p.numerator * m.numerator).toBe(p.denominator * m.denominator)
    }
    expect(computeRelayProbability(baseTarget / 17n)).toEqual({ numerator: 1n, denominator: 17n })
  })

  it('error: target above B', () => {
    expect(() => computeRelayProbability(2n ** 256n)).toThrow(
      expect.objectContaining({ code: 'DIFFICULTY_INVALID_TARGET' }),
    )
  })
})
