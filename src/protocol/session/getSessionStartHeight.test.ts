import { describe, expect, it } from 'vitest'
import { getSessionStartHeight } from './getSessionStartHeight.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

const devnet = sessionParamsPresets.devnet

describe('getSessionStartHeight', () => {
  it('default', () => {
    expect(getSessionStartHeight(devnet, 7n)).toBe(1n)
  })

  it('behavior: height 25 lies in the session 21…30', () => {
    expect(getSessionStartHeight(devnet, 25n)).toBe(21n)
  })

  it('error: height before genesis', () => {
    expect(() => getSessionStartHeight(devnet, 0n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
  })
})
