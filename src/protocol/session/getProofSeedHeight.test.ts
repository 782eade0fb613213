import { describe, expect, it } from 'vitest'
import { getClaimWindowCloseHeight } from './getClaimWindowCloseHeight.ts'
import { getProofSeedHeight } from './getProofSeedHeight.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

const devnet = sessionParamsPresets.devnet

describe('getProofSeedHeight', () => {
  it('default', () => {
    expect(getProofSeedHeight(devnet, 7n)).toBe(21n)
  })

  it('behavior: the seed block is the claim window close for pwo = 1', () => {
    expect(getProofSeedHeight(devnet, 21n)).toBe(41n)
  })

  it('error: height before genesis', () => {
    expect(() => getProofSeedHeight(devnet, 0n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
  })
})

describe('getProofSeedHeight (grinding)', () => {
  it('behavior: the seed block is never before the claim window close', () => {
    const params = { ...sessionParamsPresets.production, proofWindowOpenOffset: 5n }
    expect(getProofSeedHeight(params, 1n)).toBe(getClaimWindowCloseHeight(params, 1n) + 4n)
  })
})
