import { getProofWindowOpenHeight } from './getProofWindowOpenHeight.ts'
import type { SessionParams } from './SessionParams.ts'

/**
 * The last height at which a proof for the session containing `height` is accepted (spec §3.1):
 * `proofOpen + pwc` (inclusive).
 *
 * @param params - Session parameters.
 * @param height - Any height in the session.
 * @returns The proof window's last height (inclusive).
 * @throws SessionInvalidParamsError, SessionInvalidHeightError
 *
 * @example
 * getProofWindowCloseHeight(sessionParamsPresets.devnet, 1n) // 22 + pwc 8 = 30n
 */
export function getProofWindowCloseHeight(params: SessionParams, height: bigint): bigint {
  return getProofWindowOpenHeight(params, height) + params.proofWindowCloseOffset
}
