import { describe, expect, it } from 'vitest'
import { calibrateNullRate, calibrateTolerance, clopperPearsonUpper } from './calibrate.ts'

describe('clopperPearsonUpper', () => {
  it('behavior: the rule of three with no events, the textbook bound with some', () => {
    expect(clopperPearsonUpper(0, 300)).toBeCloseTo(0.00994, 5)
    // 95 % one-sided upper bound of 2 events in 100 trials (Beta(3, 98) quantile): 0.0616.
    expect(clopperPearsonUpper(2, 100)).toBeCloseTo(0.0616, 3)
    expect(clopperPearsonUpper(5, 5)).toBe(1)
  })

  it('error: impossible counts are refused', () => {
    expect(() => clopperPearsonUpper(3, 2)).toThrowError(/cannot bound/)
  })
})

describe('calibrateTolerance / calibrateNullRate', () => {
  it('behavior: a high honest quantile times the safety factor, never below the floor', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i / 1e6)
    expect(calibrateTolerance(values, { quantile: 0.999, safetyFactor: 10, floorNats: 0.001 })).toBeCloseTo(
      0.00998,
      8,
    )
    expect(calibrateTolerance([0, 0, 0], { quantile: 0.999, safetyFactor: 10, floorNats: 0.005 })).toBe(0.005)
    expect(calibrateNullRate(0, 30_000, 0.001)).toBe(0.001)
    expect(calibrateNullRate(3, 300, 0.001)).toBeGreaterThan(0.01)
  })

  it('error: no honest data, or a rule that is not positive', () => {
    expect(() =>
      calibrateTolerance([], { quantile: 0.999, safetyFactor: 10, floorNats: 0.005 }),
    ).toThrowError(/no honest values/)
    expect(() => calibrateNullRate(0, 10, 0)).toThrowError(/floor/)
  })
})
