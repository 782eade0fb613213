import type { Hex } from '../../protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import type { AuditState } from '../audit/types.ts'
import { buildWatcherReport } from './buildWatcherReport.ts'
import { signWatcherReport } from './signWatcherReport.ts'
import type { SignedWatcherReport } from './types.ts'

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
      identityProbes: 2,
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

/** A signed report on `sampleState()`, issued at `nowMs` (test support only). */
export function sampleSignedReport(parameters: {
  privateKey: Hex
  supplier: Hex
  serviceId: string
  nowMs: number
}): SignedWatcherReport {
  const report = buildWatcherReport({
    watcher: privateKeyToAddress(parameters.privateKey),
    supplier: parameters.supplier,
    serviceId: parameters.serviceId,
    modelSha256: 'cd'.repeat(32),
    alpha: 0.01,
    state: sampleState(),
    startedAtMs: 0,
    failedAtMs: undefined,
    nowMs: parameters.nowMs,
  })
  return signWatcherReport(report, parameters.privateKey)
}
