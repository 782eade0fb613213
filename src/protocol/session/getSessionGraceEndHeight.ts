import { getSessionEndHeight } from './getSessionEndHeight.ts'
import type { SessionParams } from './SessionParams.ts'

/**
 * The last height at which relays for the session containing `height` are still accepted
 * (spec §3.1): `end + g`. The grace period absorbs clock skew between clients and the chain head.
 *
 * @param params - Session parameters.
 * @param height - Any height in the session.
 * @returns `end + gracePeriodBlocks`.
 * @throws SessionInvalidParamsError, SessionInvalidHeightError
 *
 * @example
 * getSessionGraceEndHeight({ ...params, numBlocksPerSession: 4n, genesisHeight: 1n, gracePeriodBlocks: 1n }, 10n) // 13n
 */
export function getSessionGraceEndHeight(params: SessionParams, height: bigint): bigint {
  return getSessionEndHeight(params, height) + params.gracePeriodBlocks
}
