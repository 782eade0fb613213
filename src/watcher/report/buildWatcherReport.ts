import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { AuditState, AuditTally, CheckState } from '../audit/types.ts'
import type { WatcherReport } from './types.ts'

/** Who and what a report is about, and when. */
export type BuildWatcherReportParameters = {
  watcher: Hex
  supplier: Hex
  serviceId: string
  modelSha256: string
  alpha: number
  state: AuditState
  startedAtMs: number
  /** When the audit failed, if it did. */
  failedAtMs: number | undefined
  nowMs: number
}

/**
 * Turns an audit's state into a report: numbers rounded (so the canonical JSON is short and stable), a
 * one-line summary, and no prompt or answer text.
 *
 * @param parameters - identities, the audit state and the times.
 * @returns the unsigned report.
 * @example
 * const report = buildWatcherReport({ watcher, supplier, serviceId, modelSha256, alpha: 0.01, state, startedAtMs, failedAtMs: undefined, nowMs: Date.now() })
 */
export function buildWatcherReport(parameters: BuildWatcherReportParameters): WatcherReport {
  const { state } = parameters
  const failure = state.decidedBy && state.reason ? { check: state.decidedBy, reason: state.reason } : {}
  return {
    version: 1,
    watcher: parameters.watcher.toLowerCase() as Hex,
    supplier: parameters.supplier.toLowerCase() as Hex,
    serviceId: parameters.serviceId,
    modelSha256: parameters.modelSha256,
    verdict: state.verdict,
    ...failure,
    summary: summarise(state),
    alpha: parameters.alpha,
    probes: state.probes,
    checks: state.checks.map(roundCheck),
    tally: roundTally(state.tally),
    startedAt: parameters.startedAtMs,
    decidedAt: parameters.failedAtMs ?? parameters.nowMs,
    issuedAt: parameters.nowMs,
  }
}

function summarise(state: AuditState): string {
  const { tally } = state
  const identity = `${tally.violations}/${tally.greedyPositions} greedy tokens off the reference`
  if (state.verdict === 'fail')
    return `failed ${state.decidedBy} after ${state.probes} probes (${state.reason})`
  const standing = state.verdict === 'pass' ? 'no evidence of cheating' : 'audit in progress'
  // Said when it matters: probes that could not check the model (sampled, no logprobs) do not count.
  const checked = tally.identityProbes < state.probes ? ` (${tally.identityProbes} checked the model)` : ''
  return `${standing} after ${state.probes} probes${checked}; ${identity}`
}

function roundCheck(check: CheckState): CheckState {
  return { ...check, log10EValue: round(check.log10EValue), log10Threshold: round(check.log10Threshold) }
}

function roundTally(tally: AuditTally): AuditTally {
  const rounded = { ...tally }
  for (const key of Object.keys(rounded) as (keyof AuditTally)[]) {
    const value = rounded[key]
    if (value !== undefined) rounded[key] = round(value)
  }
  return rounded
}

// Six decimals keep what matters and drop float noise; non-finite values cannot be canonical JSON.
function round(value: number): number {
  if (!Number.isFinite(value)) return value > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE
  return Math.round(value * 1e6) / 1e6
}
