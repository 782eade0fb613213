import { SessionInvalidHeightError } from './errors.ts'
import type { SessionParams } from './SessionParams.ts'
import { verifySessionParams } from './verifySessionParams.ts'

const MAX_UINT64 = 2n ** 64n - 1n

/**
 * Internal guard shared by the height functions: checks the parameters, then that `height` is a uint64
 * at or after genesis (before genesis no session exists, and the spec's floor division would silently
 * produce session numbers ≤ 0).
 *
 * @param params - Session parameters (checked with `verifySessionParams`).
 * @param height - The height to check.
 * @throws SessionInvalidParamsError, SessionInvalidHeightError
 *
 * @example
 * assertSessionHeight(sessionParamsPresets.devnet, 5n) // ok
 */
export function assertSessionHeight(params: SessionParams, height: bigint): void {
  verifySessionParams(params)
  if (typeof height !== 'bigint' || height < 0n || height > MAX_UINT64)
    throw new SessionInvalidHeightError({ height, reason: 'must be a uint64 bigint' })
  if (height < params.genesisHeight)
    throw new SessionInvalidHeightError({
      height,
      reason: `lies before the genesis height ${params.genesisHeight}`,
    })
}
