import { assertSessionHeight } from './assertSessionHeight.ts'
import type { SessionParams } from './SessionParams.ts'

/**
 * The first height of the session containing `height` (spec §3.1): `A + floor((h − A) / N)·N`.
 *
 * @param params - Session parameters.
 * @param height - Any height at or after genesis.
 * @returns The session's start height.
 * @throws SessionInvalidParamsError, SessionInvalidHeightError
 *
 * @example
 * getSessionStartHeight({ ...params, numBlocksPerSession: 4n, genesisHeight: 1n }, 10n) // 9n
 */
export function getSessionStartHeight(params: SessionParams, height: bigint): bigint {
  assertSessionHeight(params, height)
  const { genesisHeight, numBlocksPerSession } = params
  return genesisHeight + ((height - genesisHeight) / numBlocksPerSession) * numBlocksPerSession
}
