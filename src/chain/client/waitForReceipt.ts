import { type Hex, type TransactionReceipt, TransactionReceiptNotFoundError } from 'viem'
import { ChainRpcUnavailableError } from '../errors/rpc.ts'
import { ChainTxTimeoutError } from '../errors/transaction.ts'
import type { DecaiClients } from './createDecaiClients.ts'
import { toChainError } from './toChainError.ts'

/**
 * Polls for a transaction's receipt every `pollingIntervalMs` until it is mined.
 *
 * Why not viem's `waitForTransactionReceipt`: it first waits for a new block, which on an automining dev
 * chain (the receipt exists the moment the transaction is accepted) costs a polling interval per write.
 * Transient RPC outages during the wait are ridden out until the deadline.
 *
 * @returns the receipt, whatever its status
 * @throws {ChainTxTimeoutError} when `timeoutMs` (default the clients' `receiptTimeoutMs`) passes
 * @example
 * const receipt = await waitForReceipt(clients, { transactionHash })
 */
export async function waitForReceipt(
  clients: DecaiClients,
  { transactionHash, timeoutMs = clients.receiptTimeoutMs }: { transactionHash: Hex; timeoutMs?: number },
): Promise<TransactionReceipt> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    try {
      return await clients.publicClient.getTransactionReceipt({ hash: transactionHash })
    } catch (error) {
      const chainError = toChainError(error, { rpcUrl: clients.rpcUrl, kind: 'call' })
      const isPending = error instanceof TransactionReceiptNotFoundError
      if (!isPending && !(chainError instanceof ChainRpcUnavailableError)) throw chainError
      lastError = chainError
    }
    await new Promise((resolve) => setTimeout(resolve, clients.pollingIntervalMs))
  }
  throw new ChainTxTimeoutError({ transactionHash, timeoutMs, cause: lastError })
}
