import { describe, expect, it } from 'vitest'
import { getSessionNumber } from './getSessionNumber.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

const devnet = sessionParamsPresets.devnet

describe('getSessionNumber', () => {
  it('default', () => {
    expect(getSessionNumber(devnet, 7n)).toBe(1n)
  })

  it('behavior: the next session starts right after the end (11 → 2)', () => {
    expect(getSessionNumber(devnet, 11n)).toBe(2n)
  })

  it('error: height before genesis', () => {
    expect(() => getSessionNumber(devnet, 0n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
  })
})
