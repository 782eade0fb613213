/**
 * Evaluation support: the honest and cheating suppliers of the evaluation, as sources of judged probes,
 * and the sequential audits run over them.
 */
import type { AuditSettings, ProbeOutcome } from '../../audit/createSupplierAudit.ts'
import { type AuditRun, powerCurve, probesToPower, simulateAudits } from '../simulateAudits.ts'
import type { JudgedProbe } from './judgeRecords.ts'

/** Draws the next probe's outcome of one supplier. */
export type ProbeSource = (random: () => number) => ProbeOutcome

/** Judged probes of one supplier, by prompt id. */
export type JudgedSet = ReadonlyMap<number, JudgedProbe>

/**
 * A supplier that answers each probe (a prompt drawn uniformly from `promptIds`) as `pick` decides; the
 * probe carries logprobs with probability `logprobsShare`, as in the traffic profile.
 *
 * @param parameters - the prompts a watcher draws from, how a prompt is answered, the logprob share.
 * @returns the source.
 * @example
 * const honest = createProbeSource({ promptIds, pick: () => honestSet, logprobsShare: 0.1 })
 */
export function createProbeSource(parameters: {
  promptIds: readonly number[]
  pick: (promptId: number, random: () => number) => JudgedSet
  logprobsShare: number
}): ProbeSource {
  return (random) => {
    const id = parameters.promptIds[Math.floor(random() * parameters.promptIds.length)]!
    const judged = parameters.pick(id, random).get(id)
    if (!judged) throw new Error(`no judged probe for prompt ${id}`)
    return random() < parameters.logprobsShare ? judged.withLogprobs : judged.withoutLogprobs
  }
}

/** One scenario's figures. */
export type ScenarioResult = {
  name: string
  runs: number
  maxProbes: number
  failed: number
  power: Array<{ probes: number; power: number }>
  probesTo95: number | null
  /** Probes to 95 % when only the identity test runs (metering evidence ignored). */
  identityOnlyProbesTo95: number | null
  failedBy: Record<string, number>
}

/**
 * Runs audits of one supplier and summarises them.
 *
 * @param parameters - name, audit settings, source, runs, probes per run, checkpoints, randomness.
 * @returns failures, the power curve and probes to 95 %.
 * @example
 * runScenario({ name: 'q4_0', settings, source, runs: 200, maxProbes: 40, checkpoints, random })
 */
export function runScenario(parameters: {
  name: string
  settings: AuditSettings
  source: ProbeSource
  runs: number
  maxProbes: number
  checkpoints: readonly number[]
  random: () => number
}): ScenarioResult {
  const runs: AuditRun[] = simulateAudits({ ...parameters, source: (random) => parameters.source(random) })
  const identityOnly = simulateAudits({
    ...parameters,
    source: (random) => ({ ...parameters.source(random), metering: undefined }),
  })
  const failedBy: Record<string, number> = {}
  for (const run of runs) if (run.failedBy) failedBy[run.failedBy] = (failedBy[run.failedBy] ?? 0) + 1
  return {
    name: parameters.name,
    runs: runs.length,
    maxProbes: parameters.maxProbes,
    failed: runs.filter((run) => run.failedAtProbe !== null).length,
    power: powerCurve(
      runs,
      parameters.checkpoints.filter((n) => n <= parameters.maxProbes),
    ),
    probesTo95: probesToPower(runs, 0.95),
    identityOnlyProbesTo95: probesToPower(identityOnly, 0.95),
    failedBy,
  }
}
