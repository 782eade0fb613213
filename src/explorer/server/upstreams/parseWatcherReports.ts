import { z } from 'zod'
import type { WatcherReportView } from '../../api/types.ts'

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/)
const hash = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/)
  .optional()
  .catch(undefined)
const time = z.union([z.number(), z.string()]).optional()

// What the explorer reads of a watcher report (docs/explorer.md, "Watcher reports"). Lenient on purpose:
// unknown fields are ignored and a report may come bare or wrapped with its signature, so the watcher's
// format can grow without breaking this page.
const reportSchema = z.object({
  supplier: address,
  serviceId: z.string().optional(),
  verdict: z.string().min(1),
  check: z.string().optional(),
  decidedAt: time,
  watcher: address.optional(),
  summary: z.string().optional(),
  reason: z.string().optional(),
  signature: z.string().optional(),
})
const entrySchema = z.union([
  z.object({ report: reportSchema, reportHash: hash, signature: z.string().optional() }).transform((e) => ({
    ...e.report,
    reportHash: e.reportHash,
    signature: e.signature ?? e.report.signature,
  })),
  reportSchema.extend({ reportHash: hash }),
])

/** A report as the watcher published it; its on-chain commitment is looked up per request. */
export type PublishedWatcherReport = Omit<WatcherReportView, 'commitment'>

/** Checks one published entry (report, hash, signature) as the watcher defines it; true when it verifies. */
export type WatcherReportVerifier = (entry: unknown) => boolean

/**
 * Parses a watcher's report list: an array, or `{ reports: [...] }`; entries that do not parse are
 * dropped and counted. With `verify`, each entry's signature is checked and the result recorded.
 *
 * @param body - the decoded JSON body
 * @param verify - the watcher's verifier, when the caller has one
 * @returns the reports, newest first, and how many entries were dropped
 * @example
 * parseWatcherReports({ reports: [{ supplier: '0x…', verdict: 'pass' }] })
 */
export function parseWatcherReports(
  body: unknown,
  verify?: WatcherReportVerifier,
): { reports: PublishedWatcherReport[]; dropped: number } {
  const list = Array.isArray(body)
    ? body
    : Array.isArray((body as { reports?: unknown } | null)?.reports)
      ? (body as { reports: unknown[] }).reports
      : undefined
  if (!list) return { reports: [], dropped: 1 }
  const reports: PublishedWatcherReport[] = []
  for (const entry of list) {
    const parsed = entrySchema.safeParse(entry)
    if (!parsed.success) continue
    const r = parsed.data
    reports.push({
      supplier: r.supplier.toLowerCase(),
      serviceId: r.serviceId ?? null,
      verdict: r.verdict,
      check: r.check ?? null,
      decidedAtMs: toMs(r.decidedAt),
      watcher: r.watcher?.toLowerCase() ?? null,
      isSigned: typeof r.signature === 'string' && r.signature.length > 2,
      isVerified: verify ? verify(entry) : null,
      summary: r.summary ?? null,
      reason: r.reason ?? null,
      reportHash: r.reportHash?.toLowerCase() ?? null,
    })
  }
  reports.sort((a, b) => (b.decidedAtMs ?? 0) - (a.decidedAtMs ?? 0))
  return { reports, dropped: list.length - reports.length }
}

function toMs(value: number | string | undefined): number | null {
  if (value === undefined) return null
  // Seconds or milliseconds since the epoch, or an ISO 8601 string.
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}
