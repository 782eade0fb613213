import { assertSessionHeight } from './assertSessionHeight.ts'
import type { SessionParams } from './SessionParams.ts'

export type SessionTimeline = {
  sessionNumber: bigint
  startHeight: bigint
  endHeight: bigint
  /** Last height at which relays are accepted. */
  graceEndHeight: bigint
  claimWindowOpenHeight: bigint
  claimWindowCloseHeight: bigint
  /** The block whose hash seeds the proof requirement and leaf draw (≥ claimWindowCloseHeight). */
  proofSeedHeight: bigint
  proofWindowOpenHeight: bigint
  proofWindowCloseHeight: bigint
  /** First height at which the session's claims can be settled. */
  settlementHeight: bigint
}

/**
 * Every milestone of the session containing `height` (spec §3.1) in one object, for services that
 * schedule claims and proofs. All windows are inclusive on both ends. Equal to calling each `get*Height`
 * function; computed in one pass.
 *
 * @param params - Session parameters.
 * @param height - Any height at or after genesis.
 * @returns The session's number and milestone heights.
 * @throws SessionInvalidParamsError, SessionInvalidHeightError
 *
 * @example
 * getSessionTimeline(sessionParamsPresets.devnet, 7n)
 * // { sessionNumber: 1n, startHeight: 1n, endHeight: 10n, graceEndHeight: 12n, claimWindowOpenHeight: 13n,
 * //   claimWindowCloseHeight: 21n, proofSeedHeight: 21n, proofWindowOpenHeight: 22n,
 * //   proofWindowCloseHeight: 30n, settlementHeight: 31n }
 */
export function getSessionTimeline(params: SessionParams, height: bigint): SessionTimeline {
  assertSessionHeight(params, height)
  const { genesisHeight: a, numBlocksPerSession: n } = params
  const index = (height - a) / n
  const startHeight = a + index * n
  const endHeight = startHeight + n - 1n
  const claimWindowOpenHeight = endHeight + params.claimWindowOpenOffset + 1n
  const claimWindowCloseHeight = claimWindowOpenHeight + params.claimWindowCloseOffset
  const proofWindowOpenHeight = claimWindowCloseHeight + params.proofWindowOpenOffset
  const proofWindowCloseHeight = proofWindowOpenHeight + params.proofWindowCloseOffset
  return {
    sessionNumber: index + 1n,
    startHeight,
    endHeight,
    graceEndHeight: endHeight + params.gracePeriodBlocks,
    claimWindowOpenHeight,
    claimWindowCloseHeight,
    proofSeedHeight: proofWindowOpenHeight - 1n,
    proofWindowOpenHeight,
    proofWindowCloseHeight,
    settlementHeight: proofWindowCloseHeight + 1n,
  }
}
