import type { ProbeOutcome } from './createSupplierAudit.ts'
import type { AuditTally } from './types.ts'

// Timings kept for the medians; older ones are dropped so a long audit uses bounded memory.
const maxTimings = 512

/**
 * Running sums of an audit's observations, for reports.
 *
 * @returns the tally: `add` one probe's outcome, read a `snapshot`.
 * @example
 * const tally = createAuditTally()
 * tally.add(outcome)
 * tally.snapshot().violations
 */
export function createAuditTally() {
  const sums = {
    probes: 0,
    identityProbes: 0,
    failedProbes: 0,
    greedyPositions: 0,
    violations: 0,
    maxMarginNats: 0,
    logprobPositions: 0,
    logprobDeviations: 0,
    maxLogprobDeviationNats: 0,
    meteringProofs: 0,
    excessiveCompletions: 0,
    promptTokensReported: 0,
    promptTokensRecounted: 0,
    completionTokensReported: 0,
    completionTokensRecounted: 0,
  }
  const ttfts: number[] = []
  const tpots: number[] = []
  return {
    probes: () => sums.probes,
    identityProbes: () => sums.identityProbes,
    add({ identity, metering, qos }: ProbeOutcome) {
      sums.probes++
      if (qos.isError) sums.failedProbes++
      if (identity) addIdentity(sums, identity)
      if (metering?.isReported) {
        sums.meteringProofs += metering.proofs.length
        if (metering.isExcessive) sums.excessiveCompletions++
      }
      if (metering?.counts) {
        sums.promptTokensReported += metering.counts.promptReported
        sums.promptTokensRecounted += metering.counts.promptRecounted
        sums.completionTokensReported += metering.counts.completionReported
        sums.completionTokensRecounted += metering.counts.completionRecounted
      }
      pushBounded(ttfts, qos.ttftMs)
      pushBounded(tpots, qos.tpotMs)
    },
    snapshot: (): AuditTally => ({ ...sums, ttftP50Ms: median(ttfts), tpotP50Ms: median(tpots) }),
  }
}

function addIdentity(sums: Record<string, number>, identity: NonNullable<ProbeOutcome['identity']>) {
  if (identity.positions > 0 || identity.logprobPositions > 0) sums.identityProbes!++
  sums.greedyPositions! += identity.positions
  sums.violations! += identity.violations
  sums.maxMarginNats = Math.max(sums.maxMarginNats!, identity.maxMarginNats)
  sums.logprobPositions! += identity.logprobPositions
  sums.logprobDeviations! += identity.logprobDeviations
  sums.maxLogprobDeviationNats = Math.max(sums.maxLogprobDeviationNats!, identity.maxLogprobDeviationNats)
}

function pushBounded(values: number[], value: number | undefined): void {
  if (value === undefined) return
  values.push(value)
  if (values.length > maxTimings) values.shift()
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
