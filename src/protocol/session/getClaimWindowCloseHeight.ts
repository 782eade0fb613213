import { getClaimWindowOpenHeight } from './getClaimWindowOpenHeight.ts'
import type { SessionParams } from './SessionParams.ts'

/**
 * The last height at which a claim for the session containing `height` is accepted (spec §3.1):
 * `claimOpen + cwc` (inclusive).
 *
 * @param params - Session parameters.
 * @param height - Any height in the session.
 * @returns The claim window's last height (inclusive).
 * @throws SessionInvalidParamsError, SessionInvalidHeightError
 *
 * @example
 * getClaimWindowCloseHeight(sessionParamsPresets.devnet, 1n) // 13 + cwc 8 = 21n
 */
export function getClaimWindowCloseHeight(params: SessionParams, height: bigint): bigint {
  return getClaimWindowOpenHeight(params, height) + params.claimWindowCloseOffset
}
