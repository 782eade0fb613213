import { describe, expect, it } from 'vitest'
import { getProofWindowCloseHeight } from './getProofWindowCloseHeight.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

const devnet = sessionParamsPresets.devnet

describe('getProofWindowCloseHeight', () => {
  it('default', () => {
    expect(getProofWindowCloseHeight(devnet, 7n)).toBe(30n)
  })

  it('behavior: session 21…30 closes its proof window at 50', () => {
    expect(getProofWindowCloseHeight(devnet, 21n)).toBe(50n)
  })

  it('error: height before genesis', () => {
    expect(() => getProofWindowCloseHeight(devnet, 0n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
  })
})
