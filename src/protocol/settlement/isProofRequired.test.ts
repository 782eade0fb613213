import { describe, expect, it } from 'vitest'
import { bigintToBytes, bytesToHex } from '../bytes/bytes.ts'
import { sha256 } from '../bytes/sha256.ts'
import { computeProofSample } from './computeProofSample.ts'
import { SettlementInvalidParamsError } from './errors.ts'
import { isProofRequired } from './isProofRequired.ts'

const proofSeed = `0x${'34'.repeat(32)}` as const
/** Deterministic, well-spread claim hashes. */
const claimHashAt = (i: number) => bytesToHex(sha256(bigintToBytes(BigInt(i), 8)))
const quarter = { numerator: 1n, denominator: 4n }
const base = { claimTokens: 5n, threshold: 10n, probability: quarter, claimHash: claimHashAt(0), proofSeed }

describe('isProofRequired', () => {
  it('default', () => {
    const required = Array.from({ length: 8 }, (_, i) =>
      isProofRequired({ ...base, claimHash: claimHashAt(i) }),
    )
    expect(required).toMatchInlineSnapshot(`
      [
        true,
        false,
        false,
        false,
        true,
        false,
        false,
        false,
      ]
    `)
  })

  it('behavior: at or above the threshold a proof is always required, even with p = 0', () => {
    const never = { numerator: 0n, denominator: 1n }
    for (let i = 0; i < 50; i++) {
      const claimHash = claimHashAt(i)
      expect(isProofRequired({ ...base, claimTokens: 10n, probability: never, claimHash })).toBe(true)
      expect(isProofRequired({ ...base, claimTokens: 9n, probability: never, claimHash })).toBe(false)
      expect(isProofRequired({ ...base, probability: { numerator: 3n, denominator: 3n }, claimHash })).toBe(
        true,
      )
    }
  })

  it('behavior: the comparison is strict at the exact sample boundary', () => {
    const sample = computeProofSample({ claimHash: base.claimHash, proofSeed })
    const atSample = { numerator: sample, denominator: 2n ** 64n }
    const justAbove = { numerator: sample + 1n, denominator: 2n ** 64n }
    expect(isProofRequired({ ...base, probability: atSample })).toBe(false)
    expect(isProofRequired({ ...base, probability: justAbove })).toBe(true)
  })

  it('behavior: below the threshold, the required fraction matches p', () => {
    const n = 20_000
    for (const probability of [
      quarter,
      { numerator: 1n, denominator: 100n },
      { numerator: 7n, denominator: 10n },
    ]) {
      const p = Number(probability.numerator) / Number(probability.denominator)
      let required = 0
      for (let i = 0; i < n; i++)
        if (isProofRequired({ ...base, probability, claimHash: claimHashAt(i) })) required++
      // five standard deviations of a binomial proportion
      expect(Math.abs(required / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n))
    }
  })

  it('error: a probability above 1, negative amounts, malformed hashes', () => {
    const cases = [
      { probability: { numerator: 5n, denominator: 4n } },
      { probability: { numerator: 1n, denominator: 0n } },
      { claimTokens: -1n },
      { threshold: -1n },
      { claimHash: '0x1234' as const, claimTokens: 100n },
    ]
    for (const override of cases)
      expect(() => isProofRequired({ ...base, ...override })).toThrow(SettlementInvalidParamsError)
  })
})
