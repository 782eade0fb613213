import type { SessionParams } from './SessionParams.ts'
import { verifySessionParams } from './verifySessionParams.ts'

/**
 * How many sessions' claims can be unsettled at once (spec §3.1): `ceil((cwo + cwc + pwo + pwc) / N)`.
 * The over-servicing budget divides the application's stake by it (spec §7.4). Always ≥ 1, because
 * `pwo ≥ 1`.
 *
 * @param params - Session parameters.
 * @returns The number of pending sessions.
 * @throws SessionInvalidParamsError
 *
 * @example
 * getNumPendingSessions(sessionParamsPresets.devnet) // ceil((2 + 8 + 1 + 8) / 10) = 2n
 */
export function getNumPendingSessions(params: SessionParams): bigint {
  verifySessionParams(params)
  const blocks =
    params.claimWindowOpenOffset +
    params.claimWindowCloseOffset +
    params.proofWindowOpenOffset +
    params.proofWindowCloseOffset
  return (blocks + params.numBlocksPerSession - 1n) / params.numBlocksPerSession
}
