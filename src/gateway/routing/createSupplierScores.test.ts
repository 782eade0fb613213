import { describe, expect, it } from 'vitest'
import { createSupplierScores } from './createSupplierScores.ts'

const a = '0x00000000000000000000000000000000000000a1'
const b = '0x00000000000000000000000000000000000000b2'

describe('createSupplierScores', () => {
  it('default: an unseen supplier starts at the prior', () => {
    const scores = createSupplierScores({ nowMs: () => 0 })
    expect(scores.score(a)).toBeCloseTo(100 * 0.9 ** 2, 5)
  })

  it('behavior: successes raise the score, failures lower it by class weight', () => {
    const scores = createSupplierScores({ nowMs: () => 0 })
    for (let i = 0; i < 20; i++) scores.recordSuccess(a, { ttftMs: 0 })
    expect(scores.score(a)).toBeGreaterThan(95)
    scores.recordFailure(b, 'capacity')
    const afterCapacity = scores.score(b)
    scores.recordFailure(b, 'connection')
    expect(afterCapacity).toBeLessThan(81)
    expect(scores.score(b)).toBeLessThan(afterCapacity - 10)
  })

  it('behavior: client, gateway and unsupported failures do not count against the supplier', () => {
    const scores = createSupplierScores({ nowMs: () => 0 })
    const before = scores.score(a)
    for (const failure of ['client', 'gateway', 'unsupported'] as const) scores.recordFailure(a, failure)
    expect(scores.score(a)).toBe(before)
  })

  it('behavior: slower TTFT and TPOT shade the score', () => {
    const scores = createSupplierScores({ nowMs: () => 0 })
    scores.recordSuccess(a, { ttftMs: 100, tpotMs: 10 })
    scores.recordSuccess(b, { ttftMs: 4_000, tpotMs: 200 })
    expect(scores.score(a)).toBeGreaterThan(scores.score(b) * 1.5)
  })

  it('behavior: an integrity failure zeroes the score, then decays', () => {
    let now = 0
    const scores = createSupplierScores({ nowMs: () => now, integrityHalfLifeMs: 1_000 })
    scores.recordFailure(a, 'integrity')
    expect(scores.score(a)).toBe(0)
    now = 1_000
    expect(scores.score(a)).toBeGreaterThan(30)
  })

  it('behavior: a failing verdict excludes the supplier from that service until a later pass', () => {
    let now = 0
    const scores = createSupplierScores({ nowMs: () => now, recoveryHalfLifeMs: 1_000 })
    scores.recordVerdict(a, 'llama-tiny', 'fail')
    expect(scores.standing(a, 'llama-tiny')).toMatchObject({ score: 0, isQuarantined: true })
    // A proven cheat does not come back with time: days later it is still out.
    now = 7 * 24 * 3_600_000
    expect(scores.standing(a, 'llama-tiny')).toMatchObject({ score: 0, isQuarantined: true })
    scores.recordVerdict(a, 'llama-tiny', 'pass')
    expect(scores.standing(a, 'llama-tiny').isQuarantined).toBe(false)
    expect(scores.score(a, 'llama-tiny')).toBeGreaterThan(80)
  })

  it('behavior: a fail on one service leaves the supplier in rotation for its other services', () => {
    const scores = createSupplierScores({ nowMs: () => 0 })
    const before = scores.score(a, 'qwen-small')
    scores.recordVerdict(a, 'llama-tiny', 'fail')
    expect(scores.standing(a, 'qwen-small')).toMatchObject({ score: before, isQuarantined: false })
    // Metrics name no service: excluded somewhere reads as quarantined.
    expect(scores.standing(a)).toMatchObject({ score: 0, isQuarantined: true })
  })

  it('behavior: other sanctions are not permanent; an idle supplier drifts back to the prior', () => {
    let now = 0
    const scores = createSupplierScores({ nowMs: () => now, recoveryHalfLifeMs: 1_000 })
    for (let i = 0; i < 5; i++) scores.recordFailure(b, 'timeout')
    const low = scores.score(b)
    now = 60_000 // idle: reliability drifts back to the prior
    expect(scores.score(b)).toBeGreaterThan(low)
    expect(scores.score(b)).toBeCloseTo(81, 0)
  })

  it('behavior: in-flight counting is released once per attempt', () => {
    const scores = createSupplierScores({ nowMs: () => 0 })
    const release = scores.begin(a)
    scores.begin(a)
    expect(scores.standing(a).inFlight).toBe(2)
    release()
    release()
    expect(scores.standing(a).inFlight).toBe(1)
  })
})
