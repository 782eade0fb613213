import { describe, expect, it } from 'vitest'
import vectors from '../../../test/vectors/pokt-difficulty.json' with { type: 'json' }
import type { Hex } from '../bytes/bytes.ts'
import { baseTarget } from './baseTarget.ts'
import { computeDifficultyMultiplier } from './computeDifficultyMultiplier.ts'

describe('computeDifficultyMultiplier', () => {
  it('default', () => {
    expect(computeDifficultyMultiplier(baseTarget)).toEqual({ numerator: 1n, denominator: 1n })
  })

  it("behavior: POKT's multiplier vectors (integer part; exact for target 1)", () => {
    for (const v of vectors.multiplier.cases) {
      const m = computeDifficultyMultiplier(v.target as Hex)
      expect(m.numerator / m.denominator, v.name).toBe(BigInt(v.integerPart))
      if (v.exact) expect(m).toEqual({ numerator: BigInt(v.integerPart), denominator: 1n })
    }
  })

  it('behavior: exact and in lowest terms (B = 3·5·17·257·641·65537·…)', () => {
    expect(computeDifficultyMultiplier(baseTarget / 3n)).toEqual({ numerator: 3n, denominator: 1n })
    expect(computeDifficultyMultiplier((baseTarget / 5n) * 2n)).toEqual({ numerator: 5n, denominator: 2n })
    const m = computeDifficultyMultiplier(2n ** 255n - 1n)
    expect(m).toEqual({ numerator: baseTarget, denominator: 2n ** 255n - 1n })
  })

  it('error: zero target', () => {
    expect(() => computeDifficultyMultiplier(0n)).toThrow(
      expect.objectContaining({ code: 'DIFFICULTY_INVALID_TARGET' }),
    )
  })
})
