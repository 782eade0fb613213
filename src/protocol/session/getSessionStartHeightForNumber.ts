import { SessionInvalidHeightError } from './errors.ts'
import type { SessionParams } from './SessionParams.ts'
import { verifySessionParams } from './verifySessionParams.ts'

/**
 * The first height of session number `sessionNumber`: `A + (n − 1)·N`. The inverse of `getSessionNumber`
 * on session starts; the ledger keys seeds by session number (spec §3.2), headers carry heights.
 *
 * @param params - Session parameters.
 * @param sessionNumber - A session number ≥ 1.
 * @returns The session's start height.
 * @throws SessionInvalidParamsError, SessionInvalidHeightError when `sessionNumber < 1`
 *
 * @example
 * getSessionStartHeightForNumber({ ...params, numBlocksPerSession: 4n, genesisHeight: 1n }, 3n) // 9n
 */
export function getSessionStartHeightForNumber(params: SessionParams, sessionNumber: bigint): bigint {
  verifySessionParams(params)
  if (typeof sessionNumber !== 'bigint' || sessionNumber < 1n)
    throw new SessionInvalidHeightError({ height: sessionNumber, reason: 'session numbers start at 1' })
  return params.genesisHeight + (sessionNumber - 1n) * params.numBlocksPerSession
}
