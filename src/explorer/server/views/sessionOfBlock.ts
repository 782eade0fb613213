import type { SessionParams } from '../../../protocol/session/SessionParams.ts'

/**
 * The session number a block belongs to (spec §3.1), or 0 for blocks before genesis (deployment).
 *
 * @example
 * sessionOfBlock(params, params.genesisHeight) // 1n
 */
export function sessionOfBlock(params: SessionParams, blockNumber: bigint): bigint {
  if (blockNumber < params.genesisHeight) return 0n
  return 1n + (blockNumber - params.genesisHeight) / params.numBlocksPerSession
}
