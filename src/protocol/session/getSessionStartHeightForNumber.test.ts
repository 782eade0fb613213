import { describe, expect, it } from 'vitest'
import { getSessionStartHeightForNumber } from './getSessionStartHeightForNumber.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

const devnet = sessionParamsPresets.devnet

describe('getSessionStartHeightForNumber', () => {
  it('default', () => {
    expect(getSessionStartHeightForNumber(devnet, 1n)).toBe(1n)
  })

  it('behavior: session 3 of 10-block sessions from genesis 1 starts at 21', () => {
    expect(getSessionStartHeightForNumber(devnet, 3n)).toBe(21n)
  })

  it('error: session numbers start at 1', () => {
    expect(() => getSessionStartHeightForNumber(devnet, 0n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
  })
})
