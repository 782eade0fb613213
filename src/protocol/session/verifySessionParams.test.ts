import { describe, expect, it } from 'vitest'
import { SessionInvalidParamsError } from './errors.ts'
import type { SessionParams } from './SessionParams.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'
import { verifySessionParams } from './verifySessionParams.ts'

const devnet: SessionParams = sessionParamsPresets.devnet

describe('verifySessionParams', () => {
  it('default', () => {
    expect(verifySessionParams(devnet)).toBe(devnet)
    expect(verifySessionParams(sessionParamsPresets.production)).toBe(sessionParamsPresets.production)
  })

  it('behavior: the tightest valid params are accepted', () => {
    const tight = { ...devnet, numBlocksPerSession: 1n, gracePeriodBlocks: 0n, claimWindowOpenOffset: 0n }
    expect(
      verifySessionParams({ ...tight, claimWindowCloseOffset: 0n, proofWindowCloseOffset: 0n }),
    ).toBeTruthy()
  })

  const invalid: [string, Partial<Record<keyof SessionParams, unknown>>][] = [
    ['invalid: N = 0', { numBlocksPerSession: 0n }],
    ['invalid: negative genesis', { genesisHeight: -1n }],
    ['invalid: a number, not a bigint', { claimWindowCloseOffset: 4 }],
    ['invalid: above uint64', { proofWindowCloseOffset: 2n ** 64n }],
    ['invalid: grace ≥ N', { gracePeriodBlocks: 10n, claimWindowOpenOffset: 10n }],
    ['invalid: claims open before the grace period ends', { claimWindowOpenOffset: 1n }],
    ['invalid: proof seed inside the claim window (pwo = 0)', { proofWindowOpenOffset: 0n }],
  ]
  for (const [name, patch] of invalid) {
    it(`error: ${name}`, () => {
      const params = { ...devnet, ...patch } as SessionParams
      expect(() => verifySessionParams(params)).toThrow(SessionInvalidParamsError)
      expect(() => verifySessionParams(params)).toThrow(
        expect.objectContaining({ code: 'SESSION_INVALID_PARAMS', fault: 'internal' }),
      )
    })
  }

  it('error: not an object', () => {
    expect(() => verifySessionParams(null as unknown as SessionParams)).toThrow(SessionInvalidParamsError)
  })
})
