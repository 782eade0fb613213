import { getProofWindowCloseHeight } from './getProofWindowCloseHeight.ts'
import type { SessionParams } from './SessionParams.ts'

/**
 * The first height at which the claims of the session containing `height` can be settled
 * (spec §3.1): `proofClose + 1`. Settlement is a transaction anyone may send from then on; it is not
 * forced in a particular block (unlike POKT's EndBlocker).
 *
 * @param params - Session parameters.
 * @param height - Any height in the session.
 * @returns The earliest settlement height.
 * @throws SessionInvalidParamsError, SessionInvalidHeightError
 *
 * @example
 * getSettlementHeight(sessionParamsPresets.devnet, 1n) // 31n
 */
export function getSettlementHeight(params: SessionParams, height: bigint): bigint {
  return getProofWindowCloseHeight(params, height) + 1n
}
