import { describe, expect, it } from 'vitest'
import { computeCountEValue } from './computeCountEValue.ts'

// log P(k) of Binomial(n, p), built term by term (p > 0).
function binomialLogPmf(n: number, p: number): number[] {
  const logPmf = [n * Math.log1p(-p)]
  for (let k = 1; k <= n; k++)
    logPmf.push(logPmf[k - 1]! + Math.log((n - k + 1) / k) + Math.log(p) - Math.log1p(-p))
  return logPmf
}

describe('computeCountEValue', () => {
  it('behavior: its expectation under any honest binomial rate up to the null is at most 1', () => {
    for (const positions of [1, 16, 48, 256]) {
      for (const rate of [0.00001, 0.0001, 0.0005, 0.001]) {
        const expectation = binomialLogPmf(positions, rate).reduce(
          (sum, logProbability, violations) =>
            sum + Math.exp(logProbability + computeCountEValue({ positions, violations, nullRate: 0.001 })),
          0,
        )
        expect(expectation).toBeLessThanOrEqual(1 + 1e-9)
      }
    }
  })

  it('behavior: a clean probe lowers the wealth, violations raise it steeply', () => {
    const clean = computeCountEValue({ positions: 48, violations: 0, nullRate: 0.001 })
    const few = computeCountEValue({ positions: 48, violations: 3, nullRate: 0.001 })
    const all = computeCountEValue({ positions: 48, violations: 48, nullRate: 0.001 })
    expect(clean).toBeLessThan(0)
    expect(few / Math.LN10).toBeGreaterThan(3)
    expect(all / Math.LN10).toBeGreaterThan(100)
  })

  it('args: nothing checked is no evidence (e = 1)', () => {
    expect(computeCountEValue({ positions: 0, violations: 0, nullRate: 0.001 })).toBe(0)
    expect(computeCountEValue({ positions: 10, violations: 1, nullRate: 0.9 })).toBe(0)
  })
})
