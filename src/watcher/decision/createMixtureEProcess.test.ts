import { describe, expect, it } from 'vitest'
import { mulberry32 } from '../testing/mulberry32.ts'
import { createMixtureEProcess } from './createMixtureEProcess.ts'
import { logAddExp, logWeightedSum } from './logMath.ts'

describe('createMixtureEProcess', () => {
  it('default: starts at wealth 1', () => {
    const test = createMixtureEProcess()
    expect(test.logWealth()).toBeCloseTo(0, 12)
    expect(test.count()).toBe(0)
  })

  it('behavior: a clean observation (e = 0) shrinks but never zeroes the wealth', () => {
    const test = createMixtureEProcess()
    for (let i = 0; i < 100; i++) test.observe(Number.NEGATIVE_INFINITY)
    expect(Number.isFinite(test.logWealth())).toBe(true)
    expect(test.logWealth()).toBeLessThan(0)
  })

  it('behavior: one decisive observation among many clean ones still rejects at 1/α', () => {
    const test = createMixtureEProcess()
    for (let i = 0; i < 30; i++) test.observe(Number.NEGATIVE_INFINITY)
    test.observe(200 * Math.LN10)
    expect(test.logWealth()).toBeGreaterThan(Math.log(100))
  })

  it('behavior: an honest rate test rejects in at most α of simulated audits', () => {
    const random = mulberry32(7)
    let rejected = 0
    const audits = 2000
    for (let audit = 0; audit < audits; audit++) {
      const test = createMixtureEProcess()
      for (let i = 0; i < 200 && test.logWealth() < Math.log(100); i++)
        test.observe(random() < 0.1 ? Math.log(1 / 0.1) : Number.NEGATIVE_INFINITY)
      if (test.logWealth() >= Math.log(100)) rejected++
    }
    expect(rejected / audits).toBeLessThanOrEqual(0.01)
  })

  it('behavior: a rate above the null is rejected', () => {
    const random = mulberry32(11)
    const test = createMixtureEProcess()
    for (let i = 0; i < 200; i++) test.observe(random() < 0.3 ? Math.log(10) : Number.NEGATIVE_INFINITY)
    expect(test.logWealth()).toBeGreaterThan(Math.log(100))
  })
})

describe('logMath', () => {
  it('behavior: adds in log space, with −Infinity as zero', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 12)
    expect(logAddExp(Number.NEGATIVE_INFINITY, 1)).toBe(1)
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 9)
    expect(logWeightedSum([0.5, 0.5], [0, Math.log(3)])).toBeCloseTo(Math.log(2), 12)
  })
})
