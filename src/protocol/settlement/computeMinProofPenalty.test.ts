import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeMinProofPenalty } from './computeMinProofPenalty.ts'
import { SettlementInvalidParamsError } from './errors.ts'

const probabilityArbitrary = fc
  .record({
    numerator: fc.bigInt({ min: 1n, max: 10_000n }),
    denominator: fc.bigInt({ min: 1n, max: 10_000n }),
  })
  .filter(({ numerator, denominator }) => numerator <= denominator)
const thresholdArbitrary = fc.bigInt({ min: 0n, max: 2n ** 80n })

describe('computeMinProofPenalty', () => {
  it('default', () => {
    expect(
      computeMinProofPenalty({ threshold: 10_000_000n, probability: { numerator: 1n, denominator: 4n } }),
    ).toBe(30_000_000n)
  })

  it('behavior: poktroll’s worked example (20 tokens, p = 0.01 → 1 980), rounded up, zero at p = 1', () => {
    const p = (numerator: bigint, denominator: bigint) => ({ numerator, denominator })
    expect(computeMinProofPenalty({ threshold: 20n, probability: p(1n, 100n) })).toBe(1_980n)
    expect(computeMinProofPenalty({ threshold: 10n, probability: p(1n, 3n) })).toBe(20n)
    expect(computeMinProofPenalty({ threshold: 10n, probability: p(3n, 7n) })).toBe(14n) // 13.33…
    expect(computeMinProofPenalty({ threshold: 10n, probability: p(1n, 1n) })).toBe(0n)
  })

  it('behavior: a claim without a proof never pays in expectation, for every value below the threshold', () => {
    fc.assert(
      fc.property(
        thresholdArbitrary,
        probabilityArbitrary,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (threshold, probability, fraction) => {
          const penalty = computeMinProofPenalty({ threshold, probability })
          const value = (threshold * BigInt(Math.floor(fraction * 1e6))) / 1_000_000n
          const { numerator, denominator } = probability
          // den × E[payoff] = (den − num)·v − num·S, and claiming nothing (the honest alternative) pays 0
          const scaledExpectedPayoff = (denominator - numerator) * value - numerator * penalty
          return scaledExpectedPayoff <= 0n
        },
      ),
      { numRuns: 300 },
    )
  })

  it('behavior: the penalty is the smallest that works at v = R', () => {
    fc.assert(
      fc.property(thresholdArbitrary, probabilityArbitrary, (threshold, probability) => {
        const penalty = computeMinProofPenalty({ threshold, probability })
        const { numerator, denominator } = probability
        return penalty === 0n || (denominator - numerator) * threshold - numerator * (penalty - 1n) > 0n
      }),
    )
  })

  it('behavior: withholding the proof of real work pays less than submitting it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 80n }), probabilityArbitrary, (threshold, probability) => {
        const penalty = computeMinProofPenalty({ threshold, probability })
        const { numerator, denominator } = probability
        const value = threshold - 1n
        // honest: v always; withholding: v with probability 1 − p, −S with probability p (scaled by den)
        return (denominator - numerator) * value - numerator * penalty < denominator * value
      }),
    )
  })

  it('error: p = 0, p > 1, a negative threshold', () => {
    const cases = [
      { threshold: 1n, probability: { numerator: 0n, denominator: 1n } },
      { threshold: 1n, probability: { numerator: 2n, denominator: 1n } },
      { threshold: -1n, probability: { numerator: 1n, denominator: 2n } },
    ]
    for (const parameters of cases)
      expect(() => computeMinProofPenalty(parameters)).toThrow(SettlementInvalidParamsError)
  })
})
