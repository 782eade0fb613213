import { getSessionStartHeight } from './getSessionStartHeight.ts'
import type { SessionParams } from './SessionParams.ts'

/**
 * The last height of the session containing `height` (spec §3.1): `start + N − 1` (inclusive).
 *
 * @param params - Session parameters.
 * @param height - Any height at or after genesis.
 * @returns The session's end height.
 * @throws SessionInvalidParamsError, SessionInvalidHeightError
 *
 * @example
 * getSessionEndHeight({ ...params, numBlocksPerSession: 4n, genesisHeight: 1n }, 10n) // 12n
 */
export function getSessionEndHeight(params: SessionParams, height: bigint): bigint {
  return getSessionStartHeight(params, height) + params.numBlocksPerSession - 1n
}
