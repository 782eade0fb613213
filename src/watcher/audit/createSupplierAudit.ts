import { createMixtureEProcess, type MixtureEProcess } from '../decision/createMixtureEProcess.ts'
import type { IdentityObservation } from '../identity/checkIdentity.ts'
import type { MeteringObservation } from '../metering/checkMetering.ts'
import type { QosObservation, ServiceObjectives } from '../qos/checkQos.ts'
import { createAuditTally } from './createAuditTally.ts'
import {
  type IdentityNullRates,
  identityLogEValue,
  overbillingLogEValue,
  rateLogEValue,
} from './probeEValues.ts'
import type { AuditState, CheckName, CheckState } from './types.ts'

/** How one supplier is judged: the error budget, the calibrated honest rates and its objectives. */
export type AuditSettings = {
  /** The chance that an honest supplier is ever failed, over the whole audit (e.g. 0.01). */
  alpha: number
  identity: IdentityNullRates
  /** Largest honest share of answers whose completion count exceeds the re-count beyond tolerance. */
  meteringExcessRate: number
  objectives: ServiceObjectives
  /** Probes without any rejection before the verdict reads `pass` (it is `pending` until then). */
  minProbesForPass: number
}

/** What one probe contributed (identity and metering are absent when the probe failed). */
export type ProbeOutcome = {
  identity: IdentityObservation | undefined
  metering: MeteringObservation | undefined
  qos: QosObservation
}

/** The running audit of one supplier for one service. */
export type SupplierAudit = {
  /** Adds one probe's observations; returns the state after it. */
  observe(outcome: ProbeOutcome): AuditState
  state(): AuditState
}

/**
 * Creates the sequential audit of one supplier: one e-process per enabled check (identity, metering
 * excess per answer, systematic over-billing across answers, and each QoS objective the supplier
 * advertised), each rejected when its wealth reaches K/α for K
 * checks, so the chance of failing an honest supplier on any check stays below α (Bonferroni across
 * checks, Ville's inequality within each). A metering proof (a count no honest supplier can report)
 * fails the supplier at once. A `fail` is final for the audit.
 *
 * @param settings - α, honest rates, objectives, the probes needed before `pass`.
 * @returns the audit.
 * @example
 * const audit = createSupplierAudit(settings)
 * audit.observe({ identity, metering, qos }).verdict // 'pending' | 'pass' | 'fail'
 */
export function createSupplierAudit(settings: AuditSettings): SupplierAudit {
  const tests = createChecks(settings)
  const thresholdLog = Math.log(tests.size / settings.alpha)
  const tally = createAuditTally()
  let decided: { check: CheckName; probe: number; reason: string } | undefined
  const state = (): AuditState => ({
    // A pass counts only probes that checked identity: sampled answers without logprobs say nothing
    // about the model, and a gateway's traffic may be all of that kind.
    verdict: decided ? 'fail' : tally.identityProbes() >= settings.minProbesForPass ? 'pass' : 'pending',
    decidedBy: decided?.check ?? null,
    decidedAtProbe: decided?.probe ?? null,
    reason: decided?.reason ?? null,
    probes: tally.probes(),
    checks: [...tests].map(([name, test]) => checkState(name, test, thresholdLog)),
    tally: tally.snapshot(),
  })
  return {
    observe(outcome) {
      tally.add(outcome)
      feedChecks(tests, outcome, settings)
      if (!decided) decided = firstRejection(tests, outcome, thresholdLog, tally.probes())
      return state()
    },
    state,
  }
}

function createChecks(settings: AuditSettings): Map<CheckName, MixtureEProcess> {
  const tests = new Map<CheckName, MixtureEProcess>([
    ['identity', createMixtureEProcess()],
    ['metering', createMixtureEProcess()],
    ['metering.overbilling', createMixtureEProcess()],
  ])
  const { objectives } = settings
  if (objectives.ttftP90Ms !== undefined) tests.set('qos.ttft', createMixtureEProcess())
  if (objectives.tpotP90Ms !== undefined) tests.set('qos.tpot', createMixtureEProcess())
  if (objectives.maxErrorRate !== undefined) tests.set('qos.errors', createMixtureEProcess())
  return tests
}

function feedChecks(tests: Map<CheckName, MixtureEProcess>, outcome: ProbeOutcome, settings: AuditSettings) {
  const { identity, metering, qos } = outcome
  const identityE = identity && identityLogEValue(identity, settings.identity)
  if (identityE !== undefined) tests.get('identity')!.observe(identityE)
  if (metering?.isReported) {
    tests.get('metering')!.observe(rateLogEValue(metering.isExcessive, settings.meteringExcessRate))
    const overbillingE = overbillingLogEValue(metering.completionExcess)
    if (overbillingE !== undefined) tests.get('metering.overbilling')!.observe(overbillingE)
  }
  // p90 objectives: the honest exceedance rate is at most 10 %.
  if (qos.isTtftExceeded !== undefined) tests.get('qos.ttft')?.observe(rateLogEValue(qos.isTtftExceeded, 0.1))
  if (qos.isTpotExceeded !== undefined) tests.get('qos.tpot')?.observe(rateLogEValue(qos.isTpotExceeded, 0.1))
  const maxErrorRate = settings.objectives.maxErrorRate
  if (maxErrorRate !== undefined) tests.get('qos.errors')?.observe(rateLogEValue(qos.isError, maxErrorRate))
}

function firstRejection(
  tests: Map<CheckName, MixtureEProcess>,
  outcome: ProbeOutcome,
  thresholdLog: number,
  probe: number,
): { check: CheckName; probe: number; reason: string } | undefined {
  const proof = outcome.metering?.proofs[0]
  if (proof) return { check: 'metering', probe, reason: `proof: ${proof}` }
  for (const [name, test] of tests)
    if (test.logWealth() >= thresholdLog)
      return {
        check: name,
        probe,
        reason: `e-value ${formatLog10(test.logWealth())} ≥ ${formatLog10(thresholdLog)}`,
      }
  return undefined
}

function checkState(name: CheckName, test: MixtureEProcess, thresholdLog: number): CheckState {
  return {
    name,
    observations: test.count(),
    log10EValue: test.logWealth() / Math.LN10,
    log10Threshold: thresholdLog / Math.LN10,
    isRejected: test.logWealth() >= thresholdLog,
  }
}

function formatLog10(logValue: number): string {
  return `10^${(logValue / Math.LN10).toFixed(2)}`
}
