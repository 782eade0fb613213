import { BaseError } from '../../protocol/errors/BaseError.ts'

/** The node could not be reached, or kept failing transiently (refused, reset, timeout, 429, 5xx). */
export class ChainRpcUnavailableError extends BaseError {
  constructor({ rpcUrl, cause }: { rpcUrl: string; cause?: unknown }) {
    super(`The chain's JSON-RPC endpoint ${rpcUrl} is unavailable.`, {
      code: 'CHAIN_RPC_UNAVAILABLE',
      name: 'ChainRpcUnavailableError',
      metaMessages: ['Check that the node runs and the URL is right, then retry.'],
      cause,
    })
  }
}

/** The node answered with a JSON-RPC error that retrying will not fix. */
export class ChainRpcError extends BaseError {
  readonly rpcCode: number | undefined
  constructor({ method, rpcCode, details, cause }: ChainRpcErrorParameters) {
    super(`The chain node refused ${method ?? 'a request'}${rpcCode === undefined ? '' : ` (${rpcCode})`}.`, {
      code: 'CHAIN_RPC_ERROR',
      name: 'ChainRpcError',
      details,
      cause,
    })
    this.rpcCode = rpcCode
  }
}
type ChainRpcErrorParameters = { method?: string; rpcCode?: number; details?: string; cause?: unknown }
