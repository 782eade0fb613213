import { getProofWindowOpenHeight } from './getProofWindowOpenHeight.ts'
import type { SessionParams } from './SessionParams.ts'

/**
 * The height of the block whose hash seeds the proof requirement and the revealed leaf (spec §7.5–7.6)
 * for the session containing `height`: `proofOpen − 1 = claimClose + pwo − 1`. Because `pwo ≥ 1`
 * (enforced by `verifySessionParams`) this is at or after the claim window's close, so no claim can be
 * (re)submitted once the seed is known: no grinding (POKT's default `pwo = 0` allowed it).
 *
 * @param params - Session parameters.
 * @param height - Any height in the session.
 * @returns The seed block height; its hash is known from the proof window's first block on.
 * @throws SessionInvalidParamsError, SessionInvalidHeightError
 *
 * @example
 * getProofSeedHeight(sessionParamsPresets.devnet, 1n) // 21n, the claim window's last block
 */
export function getProofSeedHeight(params: SessionParams, height: bigint): bigint {
  return getProofWindowOpenHeight(params, height) - 1n
}
