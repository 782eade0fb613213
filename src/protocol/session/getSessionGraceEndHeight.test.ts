import { describe, expect, it } from 'vitest'
import { getSessionGraceEndHeight } from './getSessionGraceEndHeight.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

const devnet = sessionParamsPresets.devnet

describe('getSessionGraceEndHeight', () => {
  it('default', () => {
    expect(getSessionGraceEndHeight(devnet, 7n)).toBe(12n)
  })

  it('behavior: session 21…30 accepts relays until 32', () => {
    expect(getSessionGraceEndHeight(devnet, 21n)).toBe(32n)
  })

  it('error: height before genesis', () => {
    expect(() => getSessionGraceEndHeight(devnet, 0n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
  })
})
