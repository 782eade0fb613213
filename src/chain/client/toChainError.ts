import {
  type Abi,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  decodeErrorResult,
  type Hex,
  HttpRequestError,
  RpcRequestError,
  TimeoutError,
  BaseError as ViemBaseError,
} from 'viem'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import { ChainNotDeployedError } from '../errors/deployment.ts'
import { ChainRpcError, ChainRpcUnavailableError } from '../errors/rpc.ts'
import { ChainCallRevertedError, ChainTxRevertedError, type RevertInfo } from '../errors/transaction.ts'

export type ToChainErrorContext = {
  rpcUrl: string
  /** `call` for reads, `transaction` for writes (simulation or mined). */
  kind: 'call' | 'transaction'
  contract?: string | undefined
  address?: string | undefined
  functionName?: string | undefined
  /** More error definitions to decode with, for errors raised by a contract the call reached indirectly. */
  errorAbi?: Abi | undefined
  transactionHash?: Hex | undefined
}

/**
 * Converts whatever viem threw into decai's typed chain errors, decoding the contract's custom error.
 * decai errors pass through unchanged; errors that are not viem's (bugs) are returned as they are.
 *
 * @returns a {@link ChainCallRevertedError}, {@link ChainTxRevertedError}, {@link ChainNotDeployedError},
 *   {@link ChainRpcUnavailableError} or {@link ChainRpcError}
 * @example
 * try { await client.readContract(…) } catch (e) { throw toChainError(e, { rpcUrl, kind: 'call', contract: 'Sessions' }) }
 */
export function toChainError(error: unknown, context: ToChainErrorContext): unknown {
  if (error instanceof BaseError || !(error instanceof ViemBaseError)) return error
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError)
  if (reverted instanceof ContractFunctionRevertedError) return revertError(reverted, error, context)
  if (error.walk((e) => e instanceof ContractFunctionZeroDataError)) {
    return new ChainNotDeployedError({
      contract: context.contract ?? 'contract',
      address: context.address ?? '?',
    })
  }
  if (error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError)) {
    const http = error.walk((e) => e instanceof HttpRequestError) as HttpRequestError | null
    // An HTTP answer outside the transient set (e.g. 401, 404) will not heal with time: report it as such.
    if (http?.status !== undefined && !isTransientStatus(http.status)) {
      return new ChainRpcError({ rpcCode: http.status, details: error.shortMessage, cause: error })
    }
    return new ChainRpcUnavailableError({ rpcUrl: context.rpcUrl, cause: error })
  }
  const rpc = error.walk((e) => e instanceof RpcRequestError) as RpcRequestError | null
  return new ChainRpcError({ rpcCode: rpc?.code, details: error.shortMessage, cause: error })
}

const isTransientStatus = (status: number) => status === 408 || status === 429 || status >= 500

function revertError(
  reverted: ContractFunctionRevertedError,
  error: ViemBaseError,
  context: ToChainErrorContext,
) {
  const decoded = reverted.data ?? tryDecode(reverted.raw, context.errorAbi)
  // A node that returns only a message (no data) still gets a name: Solidity's own `Error(string)`.
  const fallback = reverted.reason ? { errorName: 'Error', args: [reverted.reason] } : undefined
  const info: RevertInfo = {
    contract: context.contract ?? 'contract',
    functionName: context.functionName ?? 'call',
    errorName: decoded?.errorName ?? fallback?.errorName,
    errorArgs: decoded?.args ?? fallback?.args ?? [],
    data: reverted.raw,
  }
  if (context.kind === 'call') return new ChainCallRevertedError({ ...info, cause: error })
  return new ChainTxRevertedError({ ...info, transactionHash: context.transactionHash, cause: error })
}

function tryDecode(data: Hex | undefined, abi: Abi | undefined) {
  if (!data || data === '0x' || !abi) return undefined
  try {
    return decodeErrorResult({ abi, data })
  } catch {
    return undefined
  }
}
