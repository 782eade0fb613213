import { assertSessionHeight } from './assertSessionHeight.ts'
import type { SessionParams } from './SessionParams.ts'

/**
 * The number of the session containing `height` (spec §3.1): `1 + floor((h − A) / N)`.
 *
 * @param params - Session parameters.
 * @param height - Any height at or after genesis.
 * @returns The session number, starting at 1 for the session that starts at genesis.
 * @throws SessionInvalidParamsError, SessionInvalidHeightError
 *
 * @example
 * // N = 4, A = 1: heights 1–4 are session 1, 5–8 session 2, 9–12 session 3
 * getSessionNumber({ ...params, numBlocksPerSession: 4n, genesisHeight: 1n }, 10n) // 3n
 */
export function getSessionNumber(params: SessionParams, height: bigint): bigint {
  assertSessionHeight(params, height)
  return 1n + (height - params.genesisHeight) / params.numBlocksPerSession
}
