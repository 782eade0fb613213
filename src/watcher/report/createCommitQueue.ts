import type { Logger } from 'pino'
import type { ReportCommitter } from '../ports.ts'
import type { SignedWatcherReport } from './types.ts'

/** Reports waiting to be committed, one at a time. */
export type CommitQueue = {
  push(signed: SignedWatcherReport): void
  /** Resolves once every report pushed so far was committed or given up on. */
  drain(): Promise<void>
}

/**
 * Commits report hashes one after another, in the order the verdicts changed, so that the signer's
 * transactions never race each other. A failed commitment is logged and skipped: the report stands
 * on its signature alone, and probing goes on.
 *
 * @param committer - where hashes are committed.
 * @param logger - logs each commitment (info) and each failure (warn).
 * @param onCommitted - called with each report once its hash is committed.
 * @returns the queue.
 * @example
 * const commits = createCommitQueue(committer, logger, book.noteCommitment)
 * commits.push(signed)
 * await commits.drain()
 */
export function createCommitQueue(
  committer: ReportCommitter,
  logger: Logger,
  onCommitted: (signed: SignedWatcherReport, blockNumber: bigint) => void,
): CommitQueue {
  let tail = Promise.resolve()
  return {
    push(signed) {
      const context = { supplier: signed.report.supplier, reportHash: signed.reportHash }
      tail = tail.then(async () => {
        try {
          const { blockNumber } = await committer.commit(signed)
          onCommitted(signed, blockNumber)
          logger.info({ ...context, blockNumber: blockNumber.toString() }, 'report hash committed on-chain')
        } catch (error) {
          logger.warn(
            { ...context, err: error },
            "cannot commit the report hash on-chain; check the signer's balance and the RPC endpoint",
          )
        }
      })
    },
    drain: () => tail,
  }
}
