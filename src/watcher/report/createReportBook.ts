import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { ReportCommitment, SignedWatcherReport } from './types.ts'

/** The latest signed report per (supplier, service). */
export type ReportBook = {
  put(signed: SignedWatcherReport): void
  /** Records that `signed`'s hash was committed on-chain; later reports on the pair carry it. */
  noteCommitment(signed: SignedWatcherReport, blockNumber: bigint): void
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
  const commitments = new Map<string, ReportCommitment>()
  const keyOf = ({ report }: SignedWatcherReport) => `${report.supplier}\u0000${report.serviceId}`
  const withCommitment = (signed: SignedWatcherReport): SignedWatcherReport => {
    const commitment = commitments.get(keyOf(signed))
    return commitment ? { ...signed, commitment } : signed
  }
  const newestFirst = (reports: SignedWatcherReport[]) =>
    reports.sort((a, b) => b.report.issuedAt - a.report.issuedAt).map(withCommitment)
  return {
    put(signed) {
      latest.set(keyOf(signed), signed)
    },
    noteCommitment(signed, blockNumber) {
      commitments.set(keyOf(signed), { reportHash: signed.reportHash, blockNumber: blockNumber.toString() })
    },
    list: () => newestFirst([...latest.values()]),
    forSupplier(supplier) {
      const wanted = supplier.toLowerCase()
      return newestFirst([...latest.values()].filter((signed) => signed.report.supplier === wanted))
    },
  }
}
