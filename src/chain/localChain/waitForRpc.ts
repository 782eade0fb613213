import { jsonRpcRequest } from './jsonRpcRequest.ts'

export type WaitForRpcParameters = {
  url: string
  timeoutMs: number
  /** How often to ask; anvil is usually ready within 150 ms. */
  intervalMs?: number | undefined
  /** Stops waiting early (e.g. the process died); returns its reason. */
  abortSignal?: AbortSignal | undefined
}

/**
 * Polls `eth_chainId` until the node answers.
 *
 * @returns the chain id the node reports
 * @throws the last connection error when `timeoutMs` passes, or the abort reason
 * @example
 * const chainId = await waitForRpc({ url: 'http://127.0.0.1:8545', timeoutMs: 10_000 })
 */
export async function waitForRpc(parameters: WaitForRpcParameters): Promise<number> {
  const { url, timeoutMs, intervalMs = 20, abortSignal } = parameters
  const deadline = Date.now() + timeoutMs
  for (;;) {
    abortSignal?.throwIfAborted()
    try {
      const chainIdHex = await jsonRpcRequest<string>({ url, method: 'eth_chainId', timeoutMs: 1_000 })
      return Number(BigInt(chainIdHex))
    } catch (error) {
      if (Date.now() >= deadline) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
