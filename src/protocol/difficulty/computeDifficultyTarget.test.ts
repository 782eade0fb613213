import { describe, expect, it } from 'vitest'
import vectors from '../../../test/vectors/pokt-difficulty.json' with { type: 'json' }
import { bigintToBytes, bytesToHex } from '../bytes/bytes.ts'
import { baseTarget } from './baseTarget.ts'
import { computeDifficultyTarget } from './computeDifficultyTarget.ts'
import { computeRelayProbability } from './computeRelayProbability.ts'

const hex32 = (target: bigint) => bytesToHex(bigintToBytes(target, 32))

describe('computeDifficultyTarget', () => {
  it('default', () => {
    expect(hex32(computeDifficultyTarget({ ema: 800n, targetRelays: 50n }))).toBe(`0x0f${'ff'.repeat(31)}`)
  })

  it("behavior: POKT's new-target vectors (scaled from B, zero-padded to 32 bytes)", () => {
    for (const v of vectors.targetFromEma.cases) {
      const target = computeDifficultyTarget({ ema: BigInt(v.ema), targetRelays: BigInt(v.targetRelays) })
      expect(hex32(target), v.name).toBe(v.target)
    }
  })

  it("behavior: POKT's scaling vectors where the previous target is B (incl. the 10^-13 padding case)", () => {
    const applicable = vectors.scaleTarget.cases.filter((v) => v.applicable)
    expect(applicable.map((v) => v.previousTarget)).toEqual(applicable.map(() => hex32(baseTarget)))
    expect(applicable).toHaveLength(5)
    for (const v of applicable) {
      const target = computeDifficultyTarget({ ema: BigInt(v.ema), targetRelays: BigInt(v.targetRelays) })
      expect(hex32(target), v.name).toBe(v.target)
    }
  })

  it("behavior: POKT's proportionality property: floor(R · p) is within 1 of min(R, T)", () => {
    const { targetRelays, estimatedRelays, tolerance } = vectors.proportionality
    const t = BigInt(targetRelays)
    for (const r of estimatedRelays.map(BigInt)) {
      const p = computeRelayProbability(computeDifficultyTarget({ ema: r, targetRelays: t }))
      const expected = r < t ? r : t
      const mined = (r * p.numerator) / p.denominator
      const diff = mined > expected ? mined - expected : expected - mined
      expect(diff <= BigInt(tolerance), `R=${r}`).toBe(true)
    }
  })

  it('behavior: ema = 0 gives the base target', () => {
    expect(computeDifficultyTarget({ ema: 0n, targetRelays: 1n })).toBe(baseTarget)
  })

  it('error: T < 1 or ema < 0', () => {
    expect(() => computeDifficultyTarget({ ema: 5n, targetRelays: 0n })).toThrow(
      expect.objectContaining({ code: 'DIFFICULTY_INVALID_PARAMS' }),
    )
    expect(() => computeDifficultyTarget({ ema: -1n, targetRelays: 5n })).toThrow(
      expect.objectContaining({ code: 'DIFFICULTY_INVALID_PARAMS' }),
    )
  })
})
