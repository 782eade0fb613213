import { describe, expect, it } from 'vitest'
import { getProofWindowOpenHeight } from './getProofWindowOpenHeight.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

const devnet = sessionParamsPresets.devnet

describe('getProofWindowOpenHeight', () => {
  it('default', () => {
    expect(getProofWindowOpenHeight(devnet, 7n)).toBe(22n)
  })

  it('behavior: session 21…30 opens its proof window at 42', () => {
    expect(getProofWindowOpenHeight(devnet, 21n)).toBe(42n)
  })

  it('error: height before genesis', () => {
    expect(() => getProofWindowOpenHeight(devnet, 0n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
  })
})
