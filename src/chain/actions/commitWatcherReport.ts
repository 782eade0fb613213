import type { Address, Hex } from 'viem'
import { sendContractTransaction } from '../client/sendContractTransaction.ts'
import { watcherReportsContract } from '../deploy/ledgerContracts.ts'
import { ChainNotDeployedError } from '../errors/deployment.ts'
import type { Ledger } from '../ledger/createLedger.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type CommitWatcherReportParameters = {
  /** The signed report's `reportHash` (docs/watcher.md, "Reports"). */
  reportHash: Hex
  /** The supplier the report is about. */
  supplier: Address
  /** The session the report was issued in. */
  sessionNumber: bigint
}

/**
 * Commits a watcher report's hash on-chain from the clients' account: `WatcherReports.commitReport`
 * emits `WatcherReportCommitted(watcher, supplier, reportHash, session)`, the public record that
 * the report existed by this block. Anyone may commit; nothing is stored but the event.
 *
 * @returns the transaction (its block is the commitment's height)
 * @throws {ChainNotDeployedError} when the deployment has no `WatcherReports` contract (an old manifest)
 * @throws {ChainTxRevertedError} and the other errors of `sendContractTransaction`
 * @example
 * await commitWatcherReport(ledger, { reportHash: signed.reportHash, supplier, sessionNumber: 12n })
 */
export async function commitWatcherReport(
  ledger: Ledger,
  { reportHash, supplier, sessionNumber }: CommitWatcherReportParameters,
): Promise<WriteResult> {
  const { contractName, abi } = watcherReportsContract
  if (!ledger.watcherReports)
    throw new ChainNotDeployedError({ contract: contractName, address: 'no address in the manifest' })
  return toWriteResult(
    await sendContractTransaction(ledger.clients, {
      contract: contractName,
      address: ledger.watcherReports,
      abi,
      functionName: 'commitReport',
      args: [reportHash, supplier, sessionNumber],
    }),
  )
}
