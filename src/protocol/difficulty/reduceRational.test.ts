import { describe, expect, it } from 'vitest'
import { reduceRational } from './reduceRational.ts'

describe('reduceRational', () => {
  it('default', () => {
    expect(reduceRational(6n, 4n)).toEqual({ numerator: 3n, denominator: 2n })
  })

  it('behavior: zero and coprime values', () => {
    expect(reduceRational(0n, 7n)).toEqual({ numerator: 0n, denominator: 1n })
    expect(reduceRational(2n ** 256n - 1n, 2n ** 255n - 1n)).toEqual({
      numerator: 2n ** 256n - 1n,
      denominator: 2n ** 255n - 1n,
    })
  })
})
