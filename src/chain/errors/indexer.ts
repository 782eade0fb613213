import { BaseError } from '../../protocol/errors/BaseError.ts'

/** The event indexer's store failed, or the indexer was used after `close()`. */
export class ChainIndexerError extends BaseError {
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`Event indexer: ${reason}.`, {
      code: 'CHAIN_INDEXER_FAILED',
      name: 'ChainIndexerError',
      fault: 'internal',
      cause,
    })
  }
}
