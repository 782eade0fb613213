/** The sequential tests an audit runs per supplier. */
export type CheckName =
  | 'identity'
  | 'metering'
  | 'metering.overbilling'
  | 'qos.ttft'
  | 'qos.tpot'
  | 'qos.errors'

/** One test's standing: e-values are reported as log10, since they overflow doubles when decisive. */
export type CheckState = {
  name: CheckName
  /** Probes that fed this test. */
  observations: number
  log10EValue: number
  /** log10(K/α): the wealth at which the test rejects. */
  log10Threshold: number
  isRejected: boolean
}

/** Running sums over an audit's probes, for reports (no prompt or answer text). */
export type AuditTally = {
  probes: number
  /** Probes that gave identity evidence: greedy, or sampled with logprobs (a pass needs enough of them). */
  identityProbes: number
  failedProbes: number
  greedyPositions: number
  violations: number
  maxMarginNats: number
  logprobPositions: number
  logprobDeviations: number
  maxLogprobDeviationNats: number
  meteringProofs: number
  excessiveCompletions: number
  promptTokensReported: number
  promptTokensRecounted: number
  completionTokensReported: number
  completionTokensRecounted: number
  /** Medians over streamed probes (undefined before any). */
  ttftP50Ms: number | undefined
  tpotP50Ms: number | undefined
}

/**
 * A supplier's standing: `fail` once a test rejected (final), `pass` after enough probes that checked the
 * model's identity without any rejection (no evidence of cheating; not a proof of honesty), `pending`
 * before that.
 */
export type AuditState = {
  verdict: 'pending' | 'pass' | 'fail'
  decidedBy: CheckName | null
  /** The probe (1-based) at which the audit failed. */
  decidedAtProbe: number | null
  /** Why it failed (an e-value above its threshold, or the metering proof). */
  reason: string | null
  probes: number
  checks: CheckState[]
  tally: AuditTally
}
