import { getSessionEndHeight } from './getSessionEndHeight.ts'
import type { SessionParams } from './SessionParams.ts'

/**
 * The first height at which a claim for the session containing `height` is accepted (spec §3.1):
 * `end + cwo + 1`. The `+ 1` lets relays served in the session's last block still get in (as POKT).
 *
 * @param params - Session parameters.
 * @param height - Any height in the session.
 * @returns The claim window's first height (inclusive).
 * @throws SessionInvalidParamsError, SessionInvalidHeightError
 *
 * @example
 * getClaimWindowOpenHeight(sessionParamsPresets.devnet, 1n) // end 10 + cwo 2 + 1 = 13n
 */
export function getClaimWindowOpenHeight(params: SessionParams, height: bigint): bigint {
  return getSessionEndHeight(params, height) + params.claimWindowOpenOffset + 1n
}
