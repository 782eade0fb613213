import { ChainRpcError } from '../errors/rpc.ts'

export type JsonRpcRequestParameters = {
  url: string
  method: string
  params?: readonly unknown[] | undefined
  timeoutMs?: number | undefined
}

/**
 * Sends one JSON-RPC request with plain `fetch` and returns its `result`.
 *
 * The runner uses it rather than viem so that it has no client to configure before the node is even up,
 * and so that test helpers (`evm_mine`, `evm_snapshot`) stay one call.
 *
 * @returns the response's `result`
 * @throws the `fetch` error when the node cannot be reached; {@link ChainRpcError} for a JSON-RPC error
 * @example
 * const chainIdHex = await jsonRpcRequest<string>({ url, method: 'eth_chainId' })
 */
export async function jsonRpcRequest<T = unknown>(parameters: JsonRpcRequestParameters): Promise<T> {
  const { url, method, params = [], timeoutMs = 5_000 } = parameters
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const body = (await response.json()) as { result?: T; error?: { code: number; message: string } }
  if (body.error) throw new ChainRpcError({ method, rpcCode: body.error.code, details: body.error.message })
  return body.result as T
}
