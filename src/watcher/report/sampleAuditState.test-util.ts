import type { AuditState } from '../audit/types.ts'

/** An audit state as the watcher would have it after two probes (test support only). */
export function sampleState(): AuditState {
  return {
    verdict: 'fail',
    decidedBy: 'identity',
    decidedAtProbe: 2,
    reason: 'e-value 10^12.30 ≥ 10^2.48',
    probes: 2,
    checks: [
      {
        name: 'identity',
        observations: 2,
        log10EValue: 12.3012345678,
        log10Threshold: 2.4771212547,
        isRejected: true,
      },
      {
        name: 'metering',
        observations: 2,
        log10EValue: -0.0043,
        log10Threshold: 2.4771212547,
        isRejected: false,
      },
    ],
    tally: {
      probes: 2,
      failedProbes: 0,
      greedyPositions: 96,
      violations: 41,
      maxMarginNats: 3.2,
      logprobPositions: 0,
      logprobDeviations: 0,
      maxLogprobDeviationNats: 0,
      meteringProofs: 0,
      excessiveCompletions: 0,
      promptTokensReported: 40,
      promptTokensRecounted: 40,
      completionTokensReported: 96,
      completionTokensRecounted: 96,
      ttftP50Ms: 120.123456789,
      tpotP50Ms: undefined,
    },
  }
}
