import type { IdentityNullRates } from './audit/probeEValues.ts'
import type { IdentityTolerances } from './identity/checkIdentity.ts'
import type { MeteringTolerances } from './metering/checkMetering.ts'
import type { TrafficProfile } from './probe/probeShape.ts'
import type { ServiceObjectives } from './qos/checkQos.ts'

/** How the watcher judges and probes, already parsed and unit-normalised (see `config/`). */
export type WatcherSettings = {
  /** Chance that an honest supplier is ever failed by an audit. */
  alpha: number
  /** Probes without rejection before a report reads `pass`. */
  minProbesForPass: number
  identity: { tolerances: IdentityTolerances; nullRates: IdentityNullRates }
  metering: { tolerances: MeteringTolerances; excessRate: number }
  /** Advertised objectives per service id (absent: no QoS test for that service). */
  objectives: Readonly<Record<string, ServiceObjectives>>
  probes: {
    profile: TrafficProfile
    /** Mean time between two probes of one supplier (probes arrive as a Poisson process). */
    meanIntervalMs: number
    timeoutMs: number
    /** Probes in flight at once, across suppliers (reference scoring is CPU-bound). */
    maxConcurrent: number
    /** Operator-private prompts added to the shipped corpus. */
    extraPrompts: readonly string[]
    /** Probes a prompt is used in before it is retired (identical prompts coming back mark probes). */
    maxPromptUses: number
  }
  /** How often the list of suppliers to audit is refreshed. */
  targetRefreshMs: number
}

/**
 * Tolerances and honest rates from the calibration in docs/watcher.md ("Calibration"): τ and δ sit an
 * order of magnitude above the largest numerical difference seen between honest configurations, and
 * the rates are upper confidence bounds (with a floor) of how often honest probes cross them.
 */
export const defaultCalibration = {
  identity: {
    tolerances: { marginNats: 0.01, logprobNats: 0.01 },
    nullRates: { tokenViolationRate: 0.001, logprobDeviationRate: 0.001 },
  },
  metering: { tolerances: { promptTokens: 0, completionTokens: 2 }, excessRate: 0.02 },
} as const satisfies Pick<WatcherSettings, 'identity' | 'metering'>

/** The request mix probes imitate before any real traffic was seen. */
export const defaultTrafficProfile: TrafficProfile = {
  greedyShare: 0.8,
  temperatures: [0.7, 1],
  maxTokens: [48, 64, 96, 128],
  streamShare: 0.5,
  logprobsShare: 0.1,
  topLogprobs: 5,
  systemPromptShare: 0.3,
  multiTurnShare: 0.15,
  penaltyShare: 0.1,
  frequencyPenalty: 0.5,
  presencePenalty: 0.3,
  maxCompletionTokensShare: 0.3,
}
