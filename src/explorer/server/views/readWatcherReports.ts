import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { ReportCommitmentView, WatcherReportView } from '../../api/types.ts'
import type { ExplorerEvent } from '../../ports.ts'
import type { PublishedWatcherReport } from '../upstreams/parseWatcherReports.ts'
import { argBigint, argHex } from './eventArgs.ts'
import type { ViewContext } from './viewContext.ts'

/**
 * The watcher's reports (optionally only those about one supplier), each with whether its hash is
 * committed on chain: the first `WatcherReports.WatcherReportCommitted` event carrying it, up to the
 * indexed height.
 *
 * @param ctx - the view context
 * @param supplier - only reports about this supplier (lower-case)
 * @returns the reports, newest first, with their commitment
 * @example
 * readWatcherReports(ctx).filter((r) => r.commitment.status === 'not-found')
 */
export function readWatcherReports(ctx: ViewContext, supplier?: Hex): WatcherReportView[] {
  const published = ctx.watcher.reports()
  const wanted = supplier === undefined ? published : published.filter((r) => r.supplier === supplier)
  return wanted.map((report) => ({ ...report, commitment: commitmentOf(ctx, report) }))
}

function commitmentOf(ctx: ViewContext, report: PublishedWatcherReport): ReportCommitmentView {
  if (report.reportHash === null) return { status: 'unknown', reason: 'no report hash' }
  if (!ctx.data.network.contracts.watcherReports)
    return { status: 'unknown', reason: 'no WatcherReports contract' }
  const event = readCommitments(ctx).get(report.reportHash as Hex)
  if (!event) return { status: 'not-found', indexedHeight: ctx.data.getIndexedHeight()?.toString() ?? null }
  return {
    status: 'committed',
    blockNumber: event.blockNumber.toString(),
    transactionHash: event.transactionHash.toLowerCase(),
    committer: argHex(event, 'watcher'),
    session: argBigint(event, 'session').toString(),
  }
}

// Every commitment by report hash, the earliest kept (it proves the report existed by that block).
function readCommitments(ctx: ViewContext): ReadonlyMap<Hex, ExplorerEvent> {
  return ctx.memo('watcherCommitments', () => {
    const byHash = new Map<Hex, ExplorerEvent>()
    const events = ctx.data.getEvents({ contract: 'WatcherReports', eventName: 'WatcherReportCommitted' })
    for (const event of events) {
      const hash = argHex(event, 'reportHash')
      if (!byHash.has(hash)) byHash.set(hash, event)
    }
    return byHash
  })
}
