import type { Hex } from '../../protocol/bytes/bytes.ts'
import { recoverDigestSigner } from '../../protocol/signature/recoverDigestSigner.ts'
import { InvalidReportError } from '../errors.ts'
import { hashWatcherReport } from './signWatcherReport.ts'
import type { SignedWatcherReport, WatcherReport } from './types.ts'

/**
 * Checks a published report: its hash is that of its body, and its signature recovers to the watcher it
 * names (and to `expectedWatcher`, when given). Consumers (gateways, the explorer) call this before
 * acting on a verdict fetched over HTTP.
 *
 * @param signed - the report, hash and signature as published.
 * @param expectedWatcher - the watcher the consumer trusts, if any.
 * @returns the report.
 * @throws {InvalidReportError} when the body, the hash or the signature does not check out.
 * @example
 * const report = verifyWatcherReport(signed, trustedWatcher)
 */
export function verifyWatcherReport(signed: SignedWatcherReport, expectedWatcher?: Hex): WatcherReport {
  const { report } = signed
  if (typeof report !== 'object' || report === null || report.version !== 1)
    throw new InvalidReportError({ reason: 'not a version 1 report' })
  let hash: Hex
  try {
    hash = hashWatcherReport(report)
  } catch {
    throw new InvalidReportError({ reason: 'the body has no canonical JSON form' })
  }
  if (hash !== signed.reportHash?.toLowerCase()) throw new InvalidReportError({ reason: 'hash mismatch' })
  let signer: Hex
  try {
    signer = recoverDigestSigner(hash, signed.signature)
  } catch {
    throw new InvalidReportError({ reason: 'the signature does not recover' })
  }
  if (signer !== report.watcher?.toLowerCase())
    throw new InvalidReportError({ reason: 'signed by another key than the watcher it names' })
  if (expectedWatcher && signer !== expectedWatcher.toLowerCase())
    throw new InvalidReportError({ reason: 'not signed by the expected watcher' })
  return report
}
