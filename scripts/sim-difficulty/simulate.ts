/**
 * The closed loop of relay mining, one session at a time: relays arrive, each is mined with the
 * probability its session's target gives, the settled count feeds a control law, and the new target
 * takes effect `lagSessions` later (when the session's claims settle and the next session starts).
 */
import { bigintToBytes } from '../../src/protocol/bytes/bytes.ts'
import { sha256 } from '../../src/protocol/bytes/sha256.ts'
import { baseTarget } from '../../src/protocol/difficulty/baseTarget.ts'
import { computeDifficultyTarget } from '../../src/protocol/difficulty/computeDifficultyTarget.ts'
import { computeNextDifficulty } from '../../src/protocol/difficulty/computeNextDifficulty.ts'
import { isRelayMined } from '../../src/protocol/difficulty/isRelayMined.ts'
import type { Rational } from '../../src/protocol/difficulty/types.ts'
import { type Random, randomBytes, sampleBinomial, samplePoisson } from './random.ts'

export type LawName = 'decai' | 'poktProduction'
export type MiningMode = 'binomial' | 'hash'
export type ArrivalMode = 'poisson' | 'fixed'

export type LawState = { ema: bigint | undefined; target: bigint }
export type LawParameters = { targetRelays: bigint; alpha: Rational }

/** One control-law step for a settled session. */
export function stepLaw(law: LawName, state: LawState, minedRelays: bigint, mined: LawParameters): LawState {
  if (law === 'decai') {
    const next = computeNextDifficulty({ prevEma: state.ema, minedRelays, target: state.target, ...mined })
    return { ema: next.ema, target: next.target }
  }
  // POKT's keeper: the EMA of mined counts (α·x + (1 − α)·ema, truncated), target scaled from B.
  const { numerator, denominator } = mined.alpha
  const ema =
    state.ema === undefined
      ? minedRelays
      : (numerator * minedRelays + (denominator - numerator) * state.ema) / denominator
  return { ema, target: computeDifficultyTarget({ ema, targetRelays: mined.targetRelays }) }
}

/** Mining probability `target / B` as a double (53 bits are plenty for sampling). */
export const probabilityOf = (target: bigint) => Number((target << 53n) / baseTarget) / 2 ** 53

/** How many of `relays` relays are mined under `target`. */
export function mineRelays(random: Random, mode: MiningMode, relays: number, target: bigint): number {
  if (mode === 'binomial') return sampleBinomial(random, relays, probabilityOf(target))
  const targetBytes = bigintToBytes(target, 32)
  // Stand-in relay bytes: a random 32-byte prefix per session ‖ the relay's index. Only what mining sees
  // matters: distinct inputs whose sha256 is compared with the target.
  const prefix = randomBytes(random, 32)
  let mined = 0
  for (let i = 0; i < relays; i++) {
    if (isRelayMined(sha256(prefix, bigintToBytes(BigInt(i), 8)), targetBytes)) mined++
  }
  return mined
}

export type TrajectoryOptions = LawParameters & {
  law: LawName
  /** Mean relays per session, one entry per session. */
  loads: number[]
  lagSessions: number
  /** Recompute p only at sessions that are multiples of this (the paper: every U = 4 blocks); default 1. */
  updateEvery?: number
  mining: MiningMode
  arrivals: ArrivalMode
  random: Random
}
export type Trajectory = { relays: number[]; mined: number[]; probability: number[] }

/** Runs the loop over `loads.length` sessions from a cold start (target B, no EMA). */
export function runTrajectory(options: TrajectoryOptions): Trajectory {
  const { law, loads, lagSessions, random } = options
  const targets: bigint[] = []
  let state: LawState = { ema: undefined, target: baseTarget }
  const out: Trajectory = { relays: [], mined: [], probability: [] }
  for (let s = 0; s < loads.length; s++) {
    // The target in force at session s reflects sessions up to s − lag (claims settle, then a new session starts).
    const target = targets[s] ?? (s === 0 ? baseTarget : targets[s - 1]!)
    targets[s] = target
    const load = loads[s]!
    const relays = options.arrivals === 'poisson' ? samplePoisson(random, load) : Math.round(load)
    const mined = mineRelays(random, options.mining, relays, target)
    state = stepLaw(law, { ema: state.ema, target }, BigInt(mined), options)
    if ((s + lagSessions) % (options.updateEvery ?? 1) === 0) targets[s + lagSessions] = state.target
    out.relays.push(relays)
    out.mined.push(mined)
    out.probability.push(probabilityOf(target))
  }
  return out
}
