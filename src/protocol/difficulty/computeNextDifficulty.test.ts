import { describe, expect, it } from 'vitest'
import { baseTarget } from './baseTarget.ts'
import { computeNextDifficulty } from './computeNextDifficulty.ts'
import { difficultyParamsPresets } from './difficultyParamsPresets.ts'

const alpha = { numerator: 1n, denominator: 10n }

describe('computeNextDifficulty', () => {
  it('default', () => {
    // First observation at the base target: the EMA is the mined count, p' = T / ema.
    expect(
      computeNextDifficulty({
        prevEma: undefined,
        minedRelays: 10_000n,
        target: baseTarget,
        targetRelays: 1_000n,
        alpha,
      }),
    ).toEqual({ estimatedRelays: 10_000n, ema: 10_000n, target: baseTarget / 10n })
  })

  it('behavior: the EMA is fed the estimate mined × B / target (worked by hand)', () => {
    // 1 000 mined at p = 1/10 estimate 10 000; ema = (1·10 000 + 9·8 000) / 10 = 8 200; target = floor(B·1000/8200).
    const next = computeNextDifficulty({
      prevEma: 8_000n,
      minedRelays: 1_000n,
      target: baseTarget / 10n,
      targetRelays: 1_000n,
      alpha,
    })
    expect(next).toEqual({ estimatedRelays: 10_000n, ema: 8_200n, target: (baseTarget * 1_000n) / 8_200n })
  })

  it('behavior: a constant load is a fixed point at p = T/R (not √(T/R), POKT production law)', () => {
    const load = 100_000n
    let state = { ema: undefined as bigint | undefined, target: baseTarget }
    for (let i = 0; i < 5; i++) {
      const minedRelays = (load * state.target) / baseTarget // expected mined count, no noise
      const next = computeNextDifficulty({
        prevEma: state.ema,
        minedRelays,
        target: state.target,
        targetRelays: 1_000n,
        alpha,
      })
      state = { ema: next.ema, target: next.target }
    }
    const minedAtFixedPoint = (load * state.target) / baseTarget
    expect(minedAtFixedPoint >= 999n && minedAtFixedPoint <= 1_000n).toBe(true)
  })

  it('behavior: low volume keeps every relay (target B); α = 1 keeps no memory', () => {
    expect(
      computeNextDifficulty({ prevEma: 50n, minedRelays: 80n, target: baseTarget, targetRelays: 100n, alpha })
        .target,
    ).toBe(baseTarget)
    const memoryless = computeNextDifficulty({
      prevEma: 10n ** 9n,
      minedRelays: 400n,
      target: baseTarget,
      targetRelays: 100n,
      alpha: { numerator: 1n, denominator: 1n },
    })
    expect(memoryless).toEqual({ estimatedRelays: 400n, ema: 400n, target: baseTarget / 4n })
  })

  it('behavior: presets are valid inputs', () => {
    for (const preset of Object.values(difficultyParamsPresets))
      expect(
        computeNextDifficulty({ prevEma: 0n, minedRelays: 0n, target: baseTarget, ...preset }).target,
      ).toBe(baseTarget)
  })

  it('error: α outside (0, 1], negative counts, zero target or T', () => {
    const base = { prevEma: 1n, minedRelays: 1n, target: baseTarget, targetRelays: 1n, alpha }
    const bad = [
      { ...base, alpha: { numerator: 0n, denominator: 10n } },
      { ...base, alpha: { numerator: 11n, denominator: 10n } },
      { ...base, prevEma: -1n },
      { ...base, minedRelays: -1n },
      { ...base, targetRelays: 0n },
    ]
    for (const parameters of bad)
      expect(() => computeNextDifficulty(parameters)).toThrow(
        expect.objectContaining({ code: 'DIFFICULTY_INVALID_PARAMS' }),
      )
    expect(() => computeNextDifficulty({ ...base, target: 0n })).toThrow(
      expect.objectContaining({ code: 'DIFFICULTY_INVALID_TARGET' }),
    )
  })
})
