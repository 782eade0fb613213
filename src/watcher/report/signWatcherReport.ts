import { bytesToHex, type Hex } from '../../protocol/bytes/bytes.ts'
import { sha256 } from '../../protocol/bytes/sha256.ts'
import { canonicalJson } from '../../protocol/relay/canonicalJson.ts'
import { signDigest } from '../../protocol/signature/signDigest.ts'
import type { SignedWatcherReport, WatcherReport } from './types.ts'

// A domain tag, so a report signature can never be replayed as a signature over anything else.
const reportDomain = 'decai-watcher-report/1\n'

/**
 * The hash a report is signed over: sha256 of a domain tag and the report's canonical JSON (RFC 8785),
 * so any verifier re-derives it from the JSON alone, in any language.
 *
 * @param report - the report.
 * @returns the 32-byte hash as 0x hex.
 * @example
 * hashWatcherReport(report) // '0x…'
 */
export function hashWatcherReport(report: WatcherReport): Hex {
  const text = reportDomain + canonicalJson(report, 'report')
  return bytesToHex(sha256(new TextEncoder().encode(text)))
}

/**
 * Signs a report with the watcher's key (secp256k1, deterministic nonces, low-S).
 *
 * @param report - the report; `report.watcher` must be the key's address.
 * @param privateKey - the watcher's key.
 * @returns the report, its hash and the signature.
 * @example
 * const signed = signWatcherReport(report, privateKey)
 */
export function signWatcherReport(report: WatcherReport, privateKey: Hex): SignedWatcherReport {
  const reportHash = hashWatcherReport(report)
  return { report, reportHash, signature: signDigest(privateKey, reportHash) }
}
