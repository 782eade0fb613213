import { BaseError } from '../protocol/errors/BaseError.ts'

// The explorer's errors (docs/errors.md, EXPLORER). The HTTP edge maps them to statuses in one place
// (`toApiError`); everything else about a failure stays in the code.

/** The API has no such route or object (service, supplier, application, session). */
export class ExplorerNotFoundError extends BaseError {
  constructor({ what }: { what: string }) {
    super(`No ${what} in the indexed ledger events.`, {
      code: 'EXPLORER_NOT_FOUND',
      name: 'ExplorerNotFoundError',
      fault: 'client',
    })
  }
}

/** A path parameter is malformed. */
export class ExplorerInvalidRequestError extends BaseError {
  constructor({ parameter, reason }: { parameter: string; reason: string }) {
    super(`Invalid ${parameter}: ${reason}.`, {
      code: 'EXPLORER_INVALID_REQUEST',
      name: 'ExplorerInvalidRequestError',
      fault: 'client',
    })
  }
}

/** The chain node cannot be read. */
export class ExplorerChainUnavailableError extends BaseError {
  constructor({ cause }: { cause: unknown }) {
    super('The chain node cannot be read.', {
      code: 'EXPLORER_CHAIN_UNAVAILABLE',
      name: 'ExplorerChainUnavailableError',
      fault: 'unknown',
      metaMessages: ['Check the RPC URL the explorer was started with.'],
      details: cause instanceof Error ? cause.message : undefined,
      cause,
    })
  }
}

/** The gateway's metrics or the watcher's reports could not be fetched or parsed. */
export class ExplorerUpstreamFailedError extends BaseError {
  constructor({
    upstream,
    reason,
    cause,
  }: { upstream: 'gateway' | 'watcher'; reason: string; cause?: unknown }) {
    super(`The ${upstream} API failed: ${reason}.`, {
      code: 'EXPLORER_UPSTREAM_FAILED',
      name: 'ExplorerUpstreamFailedError',
      fault: 'unknown',
      cause,
    })
  }
}

/** The built browser app is missing. */
export class ExplorerAssetsMissingError extends BaseError {
  constructor({ dir }: { dir: string }) {
    super(`The explorer's built browser app is missing from ${dir}.`, {
      code: 'EXPLORER_ASSETS_MISSING',
      name: 'ExplorerAssetsMissingError',
      fault: 'internal',
      metaMessages: ['Run `npm run build:explorer`.'],
    })
  }
}
