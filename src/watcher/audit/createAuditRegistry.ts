import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { ServiceObjectives } from '../../protocol/objectives/types.ts'
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
 * An audit's objectives are resolved once, before its first probe (`objectivesFor`), and stay those of
 * the audit: its QoS tests are sequential tests of one promise.
 *
 * @param parameters - settings, the watcher's key and address, the service's reference hash, and where
 *   objectives come from (default: the configured ones).
 * @returns `objectivesFor(target)`, `record(target, outcome, nowMs)`, `state(target)`.
 * @example
 * const registry = createAuditRegistry({ settings, watcher, privateKey, modelSha256Of })
 * const objectives = await registry.objectivesFor(target)
 * const { signed, verdict } = registry.record(target, outcome, Date.now())
 */
export function createAuditRegistry(parameters: {
  settings: Pick<WatcherSettings, 'alpha' | 'minProbesForPass' | 'identity' | 'metering' | 'objectives'>
  watcher: Hex
  privateKey: Hex
  modelSha256Of: (serviceId: string) => string
  objectivesOf?: (target: ProbeTarget) => Promise<ServiceObjectives>
}) {
  const { settings } = parameters
  const entries = new Map<string, Entry>()
  const objectives = new Map<string, Promise<ServiceObjectives>>()
  const resolved = new Map<string, ServiceObjectives>()
  const keyOf = (target: ProbeTarget) => `${target.supplier.toLowerCase()}\u0000${target.serviceId}`
  const configuredOf = (target: ProbeTarget) => settings.objectives[target.serviceId] ?? {}
  const objectivesFor = (target: ProbeTarget): Promise<ServiceObjectives> => {
    const key = keyOf(target)
    let pending = objectives.get(key)
    if (!pending) {
      const resolve = parameters.objectivesOf ?? (async (t: ProbeTarget) => configuredOf(t))
      pending = resolve(target).then((found) => {
        resolved.set(key, found)
        return found
      })
      objectives.set(key, pending)
    }
    return pending
  }
  const entryOf = (target: ProbeTarget, nowMs: number): Entry => {
    let entry = entries.get(keyOf(target))
    if (!entry) {
      const audit = createSupplierAudit({
        alpha: settings.alpha,
        identity: settings.identity.nullRates,
        meteringExcessRate: settings.metering.excessRate,
        objectives: resolved.get(keyOf(target)) ?? configuredOf(target),
        minProbesForPass: settings.minProbesForPass,
      })
      entry = { audit, startedAtMs: nowMs, failedAtMs: undefined, verdict: 'pending' }
      entries.set(keyOf(target), entry)
    }
    return entry
  }
  return {
    objectivesFor,
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
