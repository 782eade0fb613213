import { describe, expect, it } from 'vitest'
import { getNumPendingSessions } from './getNumPendingSessions.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

describe('getNumPendingSessions', () => {
  it('default', () => {
    expect(getNumPendingSessions(sessionParamsPresets.devnet)).toBe(2n)
  })

  it('behavior: ceil of the window blocks over N (production: ceil(331 / 300) = 2; mainnet-like 32/20 = 2)', () => {
    expect(getNumPendingSessions(sessionParamsPresets.production)).toBe(2n)
    const mainnetLike = {
      ...sessionParamsPresets.production,
      numBlocksPerSession: 20n,
      gracePeriodBlocks: 10n,
      claimWindowOpenOffset: 11n,
      claimWindowCloseOffset: 10n,
      proofWindowOpenOffset: 1n,
      proofWindowCloseOffset: 10n,
    }
    expect(getNumPendingSessions(mainnetLike)).toBe(2n)
    expect(getNumPendingSessions({ ...mainnetLike, numBlocksPerSession: 32n })).toBe(1n)
    expect(getNumPendingSessions({ ...mainnetLike, numBlocksPerSession: 31n })).toBe(2n)
  })

  it('error: invalid params', () => {
    expect(() => getNumPendingSessions({ ...sessionParamsPresets.devnet, numBlocksPerSession: 0n })).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_PARAMS' }),
    )
  })
})
