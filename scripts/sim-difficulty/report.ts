/**
 * Builds the simulation report: the paper's law (decai) and POKT's production law on the same load
 * trace (cold start, steady load, a 10× surge, a 10× drop), with recovery times, sensitivity to α, the
 * update lag and T, a check that Binomial draws match real SHA-256 mining, and the paper's Table 4.
 */
import { bigintToBytes } from '../../src/protocol/bytes/bytes.ts'
import { baseTarget } from '../../src/protocol/difficulty/baseTarget.ts'
import { getSessionNumber } from '../../src/protocol/session/getSessionNumber.ts'
import { getSessionStartHeightForNumber } from '../../src/protocol/session/getSessionStartHeightForNumber.ts'
import { getSettlementHeight } from '../../src/protocol/session/getSettlementHeight.ts'
import type { SessionParams } from '../../src/protocol/session/SessionParams.ts'
import {
  analyticUpdatesToRecover,
  sessionsToRecover,
  summarize,
  targetErrorRange,
  volumeErrorRange,
} from './metrics.ts'
import { paperScenarios } from './paperScenarios.ts'
import { paperTable4 } from './paperTable4.ts'
import { createRandom } from './random.ts'
import {
  type ArrivalMode,
  type LawName,
  type MiningMode,
  mineRelays,
  runTrajectory,
  type Trajectory,
} from './simulate.ts'

export type ReportOptions = {
  seed: number
  mining: MiningMode
  arrivals: ArrivalMode
  targetRelays: number
  /** α = 1 / alphaDenominator. */
  alphaDenominator: number
  baseLoad: number
  stepFactor: number
  phases: { warmup: number; steady: number; surge: number; drop: number }
  lagSessions: number
  band: number
  hold: number
  withSensitivity: boolean
  withHashCheck: boolean
}

/**
 * Sessions between a session and the first one whose target reflects its claims: its claims settle at
 * `getSettlementHeight`, and the new target takes effect at the next session start.
 */
export function updateLagSessions(params: SessionParams): number {
  const first = 1n
  const settlementHeight = getSettlementHeight(params, getSessionStartHeightForNumber(params, first))
  const effective = getSessionNumber(params, settlementHeight) + 1n
  return Number(effective - first)
}

function loadsOf(o: ReportOptions): number[] {
  const { warmup, steady, surge, drop } = o.phases
  const base = o.baseLoad
  return [
    ...new Array<number>(warmup + steady).fill(base),
    ...new Array<number>(surge).fill(base * o.stepFactor),
    ...new Array<number>(drop).fill(base),
  ]
}

function run(o: ReportOptions, law: LawName, overrides: Partial<ReportOptions> = {}): Trajectory {
  const opts = { ...o, ...overrides }
  return runTrajectory({
    law,
    loads: loadsOf(opts),
    lagSessions: opts.lagSessions,
    mining: opts.mining,
    arrivals: opts.arrivals,
    targetRelays: BigInt(opts.targetRelays),
    alpha: { numerator: 1n, denominator: BigInt(opts.alphaDenominator) },
    random: createRandom(opts.seed),
  })
}

function phaseSlices(o: ReportOptions, series: number[]) {
  const { warmup, steady, surge } = o.phases
  return {
    coldStart: series.slice(0, warmup + steady),
    steady: series.slice(warmup, warmup + steady),
    surge: series.slice(warmup + steady, warmup + steady + surge),
    drop: series.slice(warmup + steady + surge),
  }
}

/** The decai law's figures: steady tracking and recovery after each step. */
export function decaiFigures(o: ReportOptions, t: Trajectory) {
  const p = phaseSlices(o, t.mined)
  const alpha = 1 / o.alphaDenominator
  const expected = (factor: number) => analyticUpdatesToRecover(factor, alpha, o.band) + o.lagSessions - 1
  const step = (mined: number[], factor: number) => ({
    sessionsToRecover: sessionsToRecover(mined, o.targetRelays, o.band, o.hold),
    noiseFreeSessionsToRecover: expected(factor),
    targetError: targetErrorRange(mined, o.targetRelays),
    accumulatedExtraMined: mined.reduce((sum, x) => sum + x - o.targetRelays, 0),
  })
  const steadyOf = (series: number[]) => phaseSlices(o, series).steady
  return {
    coldStartSessionsToRecover: sessionsToRecover(p.coldStart, o.targetRelays, o.band, o.hold),
    steady: {
      ...summarize(p.steady, o.targetRelays, o.band),
      volumeEstimationError: volumeErrorRange(steadyOf(t.relays), p.steady, steadyOf(t.probability)),
    },
    surge: step(p.surge, o.stepFactor),
    drop: step(p.drop, 1 / o.stepFactor),
  }
}

/** POKT's production law: where mined relays settle, against √(T·R). */
function poktFigures(o: ReportOptions, t: Trajectory) {
  const p = phaseSlices(o, t.mined)
  const lastHalf = (xs: number[]) => xs.slice(Math.floor(xs.length / 2))
  const settle = (mined: number[], load: number) => ({
    ...summarize(lastHalf(mined), o.targetRelays, o.band),
    predictedSqrtTR: Math.round(Math.sqrt(o.targetRelays * load)),
  })
  return {
    steady: settle(p.steady, o.baseLoad),
    surgeLastHalf: settle(p.surge, o.baseLoad * o.stepFactor),
    dropLastHalf: settle(p.drop, o.baseLoad),
    surgeTargetError: targetErrorRange(p.surge, o.targetRelays),
  }
}

function sensitivity(o: ReportOptions) {
  const quiet = { withSensitivity: false }
  const row = (overrides: Partial<ReportOptions>) => {
    const opts = { ...o, ...quiet, ...overrides }
    const f = decaiFigures(opts, run(opts, 'decai'))
    return {
      ...overrides,
      steadyFractionWithinBand: f.steady.fractionWithinBand,
      steadyRelativeStdDev: f.steady.relativeStdDev,
      surgeSessionsToRecover: f.surge.sessionsToRecover,
      dropSessionsToRecover: f.drop.sessionsToRecover,
    }
  }
  return {
    alpha: [20, 10, 5, 4, 2].map((alphaDenominator) => row({ alphaDenominator })),
    lag: [1, 3, 4].map((lagSessions) => row({ lagSessions })),
    targetRelays: [100, 1_000, 10_000].map((targetRelays) => ({
      ...row({ targetRelays }),
      binomialFloorRelativeStdDev: Number((1 / Math.sqrt(targetRelays)).toFixed(4)),
    })),
  }
}

/** Real SHA-256 mining of random relays against Binomial expectations. */
function hashCheck(seed: number) {
  const random = createRandom(seed)
  const relays = 60_000
  return [2n, 10n, 100n].map((inverse) => {
    const target = baseTarget / inverse
    const mined = mineRelays(random, 'hash', relays, target)
    const p = 1 / Number(inverse)
    const expected = relays * p
    const z = (mined - expected) / Math.sqrt(relays * p * (1 - p))
    return {
      target: `0x${Buffer.from(bigintToBytes(target, 32)).toString('hex')}`,
      relays,
      mined,
      expected,
      zScore: Number(z.toFixed(2)),
    }
  })
}

export function buildReport(o: ReportOptions) {
  const decai = run(o, 'decai')
  // POKT's keeper uses α = 0.1 whatever decai's preset says.
  const pokt = run(o, 'poktProduction', { alphaDenominator: 10 })
  return {
    name: 'sim-difficulty',
    seed: o.seed,
    mining:
      o.mining === 'binomial'
        ? 'binomial draws Binomial(relays, target/B), exact sampler'
        : 'sha256 of random 64-byte relays vs target (isRelayMined)',
    arrivals:
      o.arrivals === 'poisson' ? 'Poisson(load) relays per session, exact sampler' : 'fixed load per session',
    params: { ...o, alpha: `1/${o.alphaDenominator}`, sessions: loadsOf(o).length },
    decai: {
      law: 'EMA of estimated relays (mined × B/target); p = min(1, T/EMA)',
      ...decaiFigures(o, decai),
    },
    poktProduction: {
      law: 'EMA of mined counts (α = 1/10, as POKT); p = min(1, T/EMA); settles near √(T·R)',
      ...poktFigures(o, pokt),
    },
    sensitivity: o.withSensitivity ? sensitivity(o) : undefined,
    hashCheck: o.withHashCheck ? hashCheck(o.seed + 1) : undefined,
    paperTable4,
    paperScenarios: paperScenarios(o.seed, o.band, o.hold),
    trajectory: {
      load: loadsOf(o),
      decai,
      poktProduction: { relays: pokt.relays, mined: pokt.mined, probability: pokt.probability },
    },
  }
}
