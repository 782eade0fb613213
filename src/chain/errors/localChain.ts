import { BaseError } from '../../protocol/errors/BaseError.ts'

/** The local anvil node could not start or stop. */
export class ChainLocalChainError extends BaseError {
  constructor({ reason, details, cause }: { reason: string; details?: string; cause?: unknown }) {
    super(`Local chain: ${reason}.`, {
      code: 'CHAIN_LOCAL_CHAIN_FAILED',
      name: 'ChainLocalChainError',
      fault: 'internal',
      details,
      cause,
    })
  }
}
