import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { AuditTally, CheckName, CheckState } from '../audit/types.ts'

/**
 * A watcher's public statement about one supplier of one service. Gateways demote or exclude suppliers
 * on `verdict`; the explorer shows it. It never contains prompts or answers (probes must stay covert).
 */
export type WatcherReport = {
  version: 1
  /** The watcher's address: the key that signed the report. */
  watcher: Hex
  supplier: Hex
  serviceId: string
  /** The reference model's sha256: the artifact the service registered on-chain. */
  modelSha256: string
  verdict: 'pending' | 'pass' | 'fail'
  /** The test that failed the supplier (absent unless `verdict` is `fail`). */
  check?: CheckName
  /** Why it failed: the e-value and its threshold, or the metering proof (absent unless `fail`). */
  reason?: string
  /** One line for people. */
  summary: string
  /** The false-positive budget of the audit. */
  alpha: number
  probes: number
  checks: CheckState[]
  tally: AuditTally
  /** When the audit began, when it failed (or this report's time if it has not), when this was issued (ms). */
  startedAt: number
  decidedAt: number
  issuedAt: number
}

/** A report with its hash and the watcher's signature, as published on `GET /reports`. */
export type SignedWatcherReport = {
  report: WatcherReport
  /** sha256 of the domain tag and the report's canonical JSON (RFC 8785). */
  reportHash: Hex
  /** secp256k1 signature (r ‖ s ‖ v) of `reportHash` by `report.watcher`. */
  signature: Hex
  /**
   * The last report on this supplier and service whose hash the watcher committed on-chain: the one that
   * stated the current verdict. Outside the signed report (anyone can check it against the chain).
   */
  commitment?: ReportCommitment
}

/** Where a report's hash was committed (`WatcherReports.WatcherReportCommitted`). */
export type ReportCommitment = {
  reportHash: Hex
  /** The block of the commitment, as a decimal string. */
  blockNumber: string
}

/** The verdict feed a gateway scores suppliers on (the shape of its `VerdictSource` events). */
export type WatcherVerdict = {
  supplier: Hex
  serviceId: string
  outcome: 'pass' | 'fail'
  reason?: string
}
