import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { SignedWatcherReport } from './types.ts'

/** The latest signed report per (supplier, service). */
export type ReportBook = {
  put(signed: SignedWatcherReport): void
  /** Every latest report, newest first. */
  list(): SignedWatcherReport[]
  /** A supplier's latest reports (one per service), newest first. */
  forSupplier(supplier: Hex): SignedWatcherReport[]
}

/**
 * An in-memory book of the latest report per supplier and service (a new report replaces the last).
 *
 * @returns the book.
 * @example
 * const book = createReportBook()
 * book.put(signed)
 * book.forSupplier(signed.report.supplier)
 */
export function createReportBook(): ReportBook {
  const latest = new Map<string, SignedWatcherReport>()
  const newestFirst = (reports: SignedWatcherReport[]) =>
    reports.sort((a, b) => b.report.issuedAt - a.report.issuedAt)
  return {
    put(signed) {
      latest.set(`${signed.report.supplier}\u0000${signed.report.serviceId}`, signed)
    },
    list: () => newestFirst([...latest.values()]),
    forSupplier(supplier) {
      const wanted = supplier.toLowerCase()
      return newestFirst([...latest.values()].filter((signed) => signed.report.supplier === wanted))
    },
  }
}
