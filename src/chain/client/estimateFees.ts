import { Eip1559FeesNotSupportedError } from 'viem'
import type { DecaiClients } from './createDecaiClients.ts'

export type EstimateFeesReturnType =
  | { type: 'eip1559'; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
  | { type: 'legacy'; gasPrice: bigint }

/**
 * Estimates fees for the next transaction: EIP-1559 where the chain has a base fee, legacy otherwise
 * (some L2s and old dev nodes), so that deployment works against any JSON-RPC URL.
 *
 * @returns fee fields ready to spread into a transaction
 * @example
 * const fees = await estimateFees(clients) // { type: 'eip1559', maxFeePerGas, maxPriorityFeePerGas }
 */
export async function estimateFees(clients: DecaiClients): Promise<EstimateFeesReturnType> {
  try {
    const fees = await clients.publicClient.estimateFeesPerGas()
    return {
      type: 'eip1559',
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    }
  } catch (error) {
    if (!(error instanceof Eip1559FeesNotSupportedError)) throw error
    return { type: 'legacy', gasPrice: await clients.publicClient.getGasPrice() }
  }
}
