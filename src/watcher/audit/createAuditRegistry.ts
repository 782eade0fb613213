import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { ProbeTarget } from '../ports.ts'
import { buildWatcherReport } from '../report/buildWatcherReport.ts'
import { signWatcherReport } from '../report/signWatcherReport.ts'
import type { SignedWatcherReport, WatcherVerdict } from '../report/types.ts'
import type { WatcherSettings } from '../settings.ts'
import { createSupplierAudit, type ProbeOutcome, type SupplierAudit } from './createSupplierAudit.ts'
import type { AuditState } from './types.ts'

/** What recording one probe produced. */
export type AuditRecord = {
  state: AuditState
  signed: SignedWatcherReport
  /** Set when the verdict just became `pass` or `fail` (what a gateway acts on). */
  verdict: WatcherVerdict | undefined
}

type Entry = { audit: SupplierAudit; startedAtMs: number; failedAtMs: number | undefined; verdict: string }

/**
 * One audit per (supplier, service), created on its first probe, and the signed report after each probe.
 *
 * @param parameters - settings, the watcher's key and address, the service's reference hash.
 * @returns `record(target, outcome, nowMs)`, `state(target)`.
 * @example
 * const registry = createAuditRegistry({ settings, watcher, privateKey, modelSha256Of })
 * const { signed, verdict } = registry.record(target, outcome, Date.now())
 */
export function createAuditRegistry(parameters: {
  settings: WatcherSettings
  watcher: Hex
  privateKey: Hex
  modelSha256Of: (serviceId: string) => string
}) {
  const { settings } = parameters
  const entries = new Map<string, Entry>()
  const keyOf = (target: ProbeTarget) => `${target.supplier.toLowerCase()}\u0000${target.serviceId}`
  const entryOf = (target: ProbeTarget, nowMs: number): Entry => {
    let entry = entries.get(keyOf(target))
    if (!entry) {
      const audit = createSupplierAudit({
        alpha: settings.alpha,
        identity: settings.identity.nullRates,
        meteringExcessRate: settings.metering.excessRate,
        objectives: settings.objectives[target.serviceId] ?? {},
        minProbesForPass: settings.minProbesForPass,
      })
      entry = { audit, startedAtMs: nowMs, failedAtMs: undefined, verdict: 'pending' }
      entries.set(keyOf(target), entry)
    }
    return entry
  }
  return {
    record(target: ProbeTarget, outcome: ProbeOutcome, nowMs: number): AuditRecord {
      const entry = entryOf(target, nowMs)
      const state = entry.audit.observe(outcome)
      if (state.verdict === 'fail') entry.failedAtMs ??= nowMs
      const report = buildWatcherReport({
        watcher: parameters.watcher,
        supplier: target.supplier,
        serviceId: target.serviceId,
        modelSha256: parameters.modelSha256Of(target.serviceId),
        alpha: settings.alpha,
        state,
        startedAtMs: entry.startedAtMs,
        failedAtMs: entry.failedAtMs,
        nowMs,
      })
      const changed = state.verdict !== entry.verdict && state.verdict !== 'pending'
      entry.verdict = state.verdict
      const verdict: WatcherVerdict | undefined = changed
        ? {
            supplier: report.supplier,
            serviceId: target.serviceId,
            outcome: state.verdict as 'pass' | 'fail',
            reason: report.summary,
          }
        : undefined
      return { state, signed: signWatcherReport(report, parameters.privateKey), verdict }
    },
    state: (target: ProbeTarget): AuditState | undefined => entries.get(keyOf(target))?.audit.state(),
  }
}
