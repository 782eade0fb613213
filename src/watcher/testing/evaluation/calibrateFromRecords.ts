/**
 * Evaluation support: sets τ, δ and the honest rates from honest probe records (calibration split only).
 */
import { calibrateNullRate, calibrateTolerance } from '../../calibration/calibrate.ts'
import { computeLogprobDeviations } from '../../identity/computeLogprobDeviations.ts'
import { computeTokenMargins } from '../../identity/computeTokenMargins.ts'
import type { ReferenceModel } from '../../ports.ts'
import { defaultCalibration, type WatcherSettings } from '../../settings.ts'
import type { ProbeRecord } from '../collectProbeRecords.ts'

/** The calibration, and what it was computed from. */
export type RecordCalibration = Pick<WatcherSettings, 'identity' | 'metering'> & {
  measured: {
    honestProbes: number
    greedyPositions: number
    logprobPositions: number
    /** Largest margin of an honest greedy token below the reference's best (0 = always the argmax). */
    maxHonestMarginNats: number
    /** 99.9th percentile and maximum of |Δ logprob| between honest answers and the reference. */
    p999LogprobDeviationNats: number
    maxLogprobDeviationNats: number
    violationsAtTau: number
    deviationsAtDelta: number
    /** Largest honest (reported − re-counted) completion tokens, and answers beyond the tolerance. */
    maxCompletionExcess: number
    excessiveCompletions: number
  }
}

// τ and δ: ten times the 99.9th percentile of honest numerical differences, at least 0.01 nats.
const toleranceRule = { quantile: 0.999, safetyFactor: 10, floorNats: 0.01 }
// Honest rates: the 95 % upper bound, at least 1 in 1000 positions.
const rateFloor = 0.001

/**
 * Calibrates the identity tolerances and null rates on honest records.
 *
 * @param records - honest probe records of the calibration prompts, from every honest configuration.
 * @returns the settings parts and the measurements behind them.
 * @example
 * const calibration = calibrateFromRecords(honestCalibrationRecords)
 */
export function calibrateFromRecords(
  records: readonly ProbeRecord[],
  reference: Pick<ReferenceModel, 'tokenize'>,
): RecordCalibration {
  const margins: number[] = []
  const deviations: number[] = []
  const excesses: number[] = []
  for (const { exchange, score } of records) {
    if (!exchange.isOk || !score) continue
    margins.push(...computeTokenMargins(score.tokens, { frequency: 0, presence: 0 }))
    deviations.push(...computeLogprobDeviations(score, exchange.logprobs))
    const recounted = reference.tokenize(exchange.content, { addBos: false }).length
    if (exchange.usage) excesses.push(exchange.usage.completion_tokens - recounted)
  }
  const { tolerances } = defaultCalibration.metering
  const excessive = excesses.filter((excess) => excess > tolerances.completionTokens).length
  // |Δ logprob| measures the numerical noise between honest runs directly; margins are mostly exactly 0.
  const noise = deviations.length > 0 ? deviations : margins
  const marginNats = calibrateTolerance(noise, toleranceRule)
  const logprobNats = marginNats
  const violationsAtTau = margins.filter((margin) => margin > marginNats).length
  const deviationsAtDelta = deviations.filter((deviation) => deviation > logprobNats).length
  const sortedDeviations = [...deviations].sort((a, b) => a - b)
  return {
    identity: {
      tolerances: { marginNats, logprobNats },
      nullRates: {
        tokenViolationRate: calibrateNullRate(violationsAtTau, margins.length, rateFloor),
        logprobDeviationRate: calibrateNullRate(deviationsAtDelta, deviations.length, rateFloor),
      },
    },
    metering: { tolerances, excessRate: calibrateNullRate(excessive, Math.max(1, excesses.length), 0.01) },
    measured: {
      honestProbes: records.length,
      greedyPositions: margins.length,
      logprobPositions: deviations.length,
      maxHonestMarginNats: margins.reduce((high, margin) => Math.max(high, margin), 0),
      p999LogprobDeviationNats: sortedDeviations[Math.floor(0.999 * (sortedDeviations.length - 1))] ?? 0,
      maxLogprobDeviationNats: sortedDeviations.at(-1) ?? 0,
      violationsAtTau,
      deviationsAtDelta,
      maxCompletionExcess: excesses.reduce((high, excess) => Math.max(high, excess), 0),
      excessiveCompletions: excessive,
    },
  }
}
