import { commitWatcherReport } from '../../../src/chain/actions/commitWatcherReport.ts'
import { createDecaiClients } from '../../../src/chain/client/createDecaiClients.ts'
import type { WriteResult } from '../../../src/chain/index.ts'
import { createLedger } from '../../../src/chain/ledger/createLedger.ts'
import type { Hex } from '../../../src/protocol/bytes/bytes.ts'
import type { SignedWatcherReport } from '../../../src/watcher/report/types.ts'
import type { ExplorerDevnet } from './startExplorerDevnet.ts'

/**
 * Commits a signed report's hash to the devnet's `WatcherReports` from `key`, as a watcher with
 * `commitReportsOnChain` does (in session 1: the session is only recorded).
 *
 * @example
 * const { blockNumber } = await commitReport(net, upstreams.reports.bad, watcherKey)
 */
export function commitReport(
  net: ExplorerDevnet,
  signed: SignedWatcherReport,
  key: Hex,
): Promise<WriteResult> {
  const ledger = createLedger({
    clients: createDecaiClients({ rpcUrl: net.chain.rpcUrl, account: key }),
    manifest: net.manifest,
  })
  return commitWatcherReport(ledger, {
    reportHash: signed.reportHash,
    supplier: signed.report.supplier,
    sessionNumber: 1n,
  })
}
