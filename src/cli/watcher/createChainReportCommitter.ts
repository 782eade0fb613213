import { commitWatcherReport } from '../../chain/actions/commitWatcherReport.ts'
import { createDecaiClients } from '../../chain/client/createDecaiClients.ts'
import { ChainNotDeployedError } from '../../chain/errors/deployment.ts'
import type { Ledger } from '../../chain/ledger/createLedger.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { ReportCommitter } from '../../watcher/index.ts'

/**
 * The watcher's report committer on the ledger: each hash goes to `WatcherReports.commitReport`, sent
 * by the key that signed the report (so the event's `watcher` is the report's signer), with the
 * session current at the commitment.
 *
 * @param parameters - the ledger (read side), its RPC URL, and the watcher's key, which pays the gas.
 * @returns the committer.
 * @throws {ChainNotDeployedError} when the deployment has no `WatcherReports` contract (fails at start).
 * @example
 * const commitments = createChainReportCommitter({ ledger, rpcUrl, privateKey, logger })
 */
export function createChainReportCommitter(parameters: {
  ledger: Ledger
  rpcUrl: string
  privateKey: Hex
  logger: Parameters<typeof createDecaiClients>[0]['logger']
}): ReportCommitter {
  const { rpcUrl, privateKey, logger } = parameters
  if (!parameters.ledger.watcherReports)
    throw new ChainNotDeployedError({ contract: 'WatcherReports', address: 'no address in the manifest' })
  const ledger: Ledger = {
    ...parameters.ledger,
    clients: createDecaiClients({ rpcUrl, account: privateKey, logger }),
  }
  return {
    async commit(signed) {
      const height = await ledger.clients.publicClient.getBlockNumber({ cacheTime: 0 })
      const sessionNumber =
        height < ledger.genesisHeight ? 0n : 1n + (height - ledger.genesisHeight) / ledger.numBlocksPerSession
      return commitWatcherReport(ledger, {
        reportHash: signed.reportHash,
        supplier: signed.report.supplier,
        sessionNumber,
      })
    },
  }
}
