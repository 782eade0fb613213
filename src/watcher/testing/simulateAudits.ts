/**
 * Evaluation support: runs many sequential audits over recorded probe outcomes, to measure how often an
 * honest supplier is failed and how fast a cheating one is. Pure: the outcomes come from `source`.
 */
import { type AuditSettings, createSupplierAudit, type ProbeOutcome } from '../audit/createSupplierAudit.ts'
import type { CheckName } from '../audit/types.ts'

/** How one simulated audit ended: the probe (1-based) at which it failed and by which test, if it did. */
export type AuditRun = { failedAtProbe: number | null; failedBy: CheckName | null }

/**
 * Runs `runs` independent audits of up to `maxProbes` probes each; probe i of a run is `source(random, i)`.
 *
 * @param parameters - audit settings, how many runs and probes, the outcome source, randomness.
 * @returns one result per run.
 * @example
 * const runs = simulateAudits({ settings, runs: 300, maxProbes: 60, source, random })
 */
export function simulateAudits(parameters: {
  settings: AuditSettings
  runs: number
  maxProbes: number
  source: (random: () => number, probe: number) => ProbeOutcome
  random: () => number
}): AuditRun[] {
  const results: AuditRun[] = []
  for (let run = 0; run < parameters.runs; run++) {
    const audit = createSupplierAudit(parameters.settings)
    let result: AuditRun = { failedAtProbe: null, failedBy: null }
    for (let probe = 1; probe <= parameters.maxProbes; probe++) {
      const state = audit.observe(parameters.source(parameters.random, probe))
      if (state.verdict === 'fail') {
        result = { failedAtProbe: probe, failedBy: state.decidedBy }
        break
      }
    }
    results.push(result)
  }
  return results
}

/**
 * The share of runs failed within n probes, for each n.
 *
 * @param runs - simulated audits.
 * @param checkpoints - probe counts to report.
 * @returns `{ probes, power }` per checkpoint.
 * @example
 * powerCurve(runs, [1, 5, 20]) // [{ probes: 1, power: 0.98 }, …]
 */
export function powerCurve(runs: readonly AuditRun[], checkpoints: readonly number[]) {
  return checkpoints.map((probes) => ({
    probes,
    power:
      runs.filter((run) => run.failedAtProbe !== null && run.failedAtProbe <= probes).length / runs.length,
  }))
}

/**
 * The fewest probes after which at least `target` of the runs had failed, or null if none reached it.
 *
 * @param runs - simulated audits.
 * @param target - e.g. 0.95.
 * @returns the probe count, or null.
 * @example
 * probesToPower(runs, 0.95) // 3
 */
export function probesToPower(runs: readonly AuditRun[], target: number): number | null {
  const stops = runs.map((run) => run.failedAtProbe ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b)
  const needed = stops[Math.ceil(target * runs.length) - 1]
  return needed === undefined || !Number.isFinite(needed) ? null : needed
}
