import { SessionInvalidParamsError } from './errors.ts'
import type { SessionParams } from './SessionParams.ts'

export type VerifySessionParamsErrorType = SessionInvalidParamsError

const MAX_UINT64 = 2n ** 64n - 1n
const fields = [
  'numBlocksPerSession',
  'genesisHeight',
  'gracePeriodBlocks',
  'claimWindowOpenOffset',
  'claimWindowCloseOffset',
  'proofWindowOpenOffset',
  'proofWindowCloseOffset',
] as const satisfies readonly (keyof SessionParams)[]

/**
 * Checks that session parameters are consistent (spec §3.1) and throws on the first violation.
 *
 * Rules and why: every field is a uint64 (the contracts store them so); `N ≥ 1`; `g < N` (grace is
 * shorter than a session, so at most one earlier session is still open); `cwo ≥ g` (claims are made only
 * after the last relay of the session could be accepted); `pwo ≥ 1` (the proof seed, read from block
 * `proofOpen − 1`, then lies at or after the claim window's close: no claim grinding, DESIGN §3).
 *
 * @param params - The parameters to check.
 * @returns The same object, for chaining.
 * @throws SessionInvalidParamsError naming the offending field.
 *
 * @example
 * verifySessionParams(sessionParamsPresets.devnet) // returns the preset
 * verifySessionParams({ ...sessionParamsPresets.devnet, proofWindowOpenOffset: 0n }) // throws
 */
export function verifySessionParams(params: SessionParams): SessionParams {
  if (typeof params !== 'object' || params === null)
    throw new SessionInvalidParamsError({ field: 'params', reason: 'must be an object' })
  for (const field of fields) {
    const value = params[field]
    if (typeof value !== 'bigint' || value < 0n || value > MAX_UINT64)
      throw new SessionInvalidParamsError({ field, reason: `must be a uint64 bigint, got ${String(value)}` })
  }
  const rule = (ok: boolean, field: keyof SessionParams, reason: string) => {
    if (!ok) throw new SessionInvalidParamsError({ field, reason })
  }
  rule(params.numBlocksPerSession >= 1n, 'numBlocksPerSession', 'must be ≥ 1')
  rule(
    params.gracePeriodBlocks < params.numBlocksPerSession,
    'gracePeriodBlocks',
    'must be < numBlocksPerSession',
  )
  rule(
    params.claimWindowOpenOffset >= params.gracePeriodBlocks,
    'claimWindowOpenOffset',
    'must be ≥ gracePeriodBlocks (claims follow the last accepted relay)',
  )
  rule(
    params.proofWindowOpenOffset >= 1n,
    'proofWindowOpenOffset',
    'must be ≥ 1 (the proof seed must come from a block at or after the claim window close)',
  )
  return params
}
