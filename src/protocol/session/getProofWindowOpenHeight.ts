import { getClaimWindowCloseHeight } from './getClaimWindowCloseHeight.ts'
import type { SessionParams } from './SessionParams.ts'

/**
 * The first height at which a proof for the session containing `height` is accepted (spec §3.1):
 * `claimClose + pwo`. With `pwo ≥ 1` the window starts strictly after the claim window.
 *
 * @param params - Session parameters.
 * @param height - Any height in the session.
 * @returns The proof window's first height (inclusive).
 * @throws SessionInvalidParamsError, SessionInvalidHeightError
 *
 * @example
 * getProofWindowOpenHeight(sessionParamsPresets.devnet, 1n) // 21 + pwo 1 = 22n
 */
export function getProofWindowOpenHeight(params: SessionParams, height: bigint): bigint {
  return getClaimWindowCloseHeight(params, height) + params.proofWindowOpenOffset
}
