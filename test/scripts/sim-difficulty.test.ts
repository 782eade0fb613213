import { describe, expect, it } from 'vitest'
import { createRandom } from '../../scripts/sim-difficulty/random.ts'
import { buildReport, type ReportOptions, updateLagSessions } from '../../scripts/sim-difficulty/report.ts'
import { runTrajectory } from '../../scripts/sim-difficulty/simulate.ts'
import { sessionParamsPresets } from '../../src/protocol/session/sessionParamsPresets.ts'

// A short run of scripts/sim-difficulty.ts: same model, fewer sessions, lighter load.
const quick: ReportOptions = {
  seed: 7,
  mining: 'binomial',
  arrivals: 'poisson',
  targetRelays: 1_000,
  alphaDenominator: 4,
  baseLoad: 20_000,
  stepFactor: 10,
  phases: { warmup: 10, steady: 60, surge: 50, drop: 60 },
  lagSessions: 3,
  band: 0.1,
  hold: 5,
  withSensitivity: false,
  withHashCheck: false,
}

describe('sim-difficulty', () => {
  const report = buildReport(quick)

  it('default', () => {
    expect(report.name).toBe('sim-difficulty')
    expect(report.trajectory.decai.mined).toHaveLength(180)
  })

  it('behavior: under steady load the paper law keeps mined relays per session near T', () => {
    const { steady } = report.decai
    expect(Math.abs(steady.meanOverTarget - 1)).toBeLessThan(0.03)
    expect(steady.fractionWithinBand).toBeGreaterThanOrEqual(0.9)
    expect(report.decai.coldStartSessionsToRecover).toBeLessThanOrEqual(quick.lagSessions + 2)
  })

  it('behavior: after a 10× surge and a 10× drop it returns within ±10 % close to the noise-free time', () => {
    for (const step of [report.decai.surge, report.decai.drop]) {
      expect(step.sessionsToRecover).not.toBeNull()
      expect(step.sessionsToRecover!).toBeLessThanOrEqual(step.noiseFreeSessionsToRecover + 8)
    }
  })

  it("behavior: POKT's production law settles near √(T·R), not T", () => {
    const { steady } = report.poktProduction
    expect(Math.abs(steady.meanMined / steady.predictedSqrtTR - 1)).toBeLessThan(0.1)
    expect(steady.fractionWithinBand).toBe(0)
  })

  it("behavior: in the paper's configuration the step events recover in about the paper's windows", () => {
    const { stepSurge, stepDrop } = report.paperScenarios
    expect(Math.abs(stepSurge.decai.blocksToRecover! - stepSurge.paper.windowBlocks)).toBeLessThanOrEqual(6)
    expect(Math.abs(stepDrop.decai.blocksToRecover! - stepDrop.paper.windowBlocks)).toBeLessThanOrEqual(8)
  })

  it('behavior: deterministic for a seed', () => {
    const once = () =>
      runTrajectory({
        law: 'decai',
        loads: [5_000, 5_000, 50_000, 50_000],
        lagSessions: 1,
        mining: 'binomial',
        arrivals: 'poisson',
        targetRelays: 100n,
        alpha: { numerator: 1n, denominator: 4n },
        random: createRandom(quick.seed),
      })
    expect(once()).toEqual(once())
  })

  it('behavior: with real SHA-256 mining the law converges too', () => {
    const t = runTrajectory({
      law: 'decai',
      loads: new Array<number>(25).fill(1_000),
      lagSessions: 1,
      mining: 'hash',
      arrivals: 'fixed',
      targetRelays: 100n,
      alpha: { numerator: 1n, denominator: 2n },
      random: createRandom(3),
    })
    const tail = t.mined.slice(-10)
    expect(Math.abs(tail.reduce((a, b) => a + b, 0) / tail.length / 100 - 1)).toBeLessThan(0.15)
    expect(t.probability.at(-1)).toBeCloseTo(0.1, 1)
  })

  it('behavior: update lag from the session presets (settle, then the next session starts)', () => {
    expect(updateLagSessions(sessionParamsPresets.devnet)).toBe(4)
    expect(updateLagSessions(sessionParamsPresets.production)).toBe(3)
  })
})
