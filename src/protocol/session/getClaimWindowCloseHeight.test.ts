import { describe, expect, it } from 'vitest'
import { getClaimWindowCloseHeight } from './getClaimWindowCloseHeight.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

const devnet = sessionParamsPresets.devnet

describe('getClaimWindowCloseHeight', () => {
  it('default', () => {
    expect(getClaimWindowCloseHeight(devnet, 7n)).toBe(21n)
  })

  it('behavior: session 21…30 closes its claim window at 41', () => {
    expect(getClaimWindowCloseHeight(devnet, 21n)).toBe(41n)
  })

  it('error: height before genesis', () => {
    expect(() => getClaimWindowCloseHeight(devnet, 0n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
  })
})
