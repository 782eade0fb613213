import { describe, expect, it } from 'vitest'
import { getClaimWindowOpenHeight } from './getClaimWindowOpenHeight.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

const devnet = sessionParamsPresets.devnet

describe('getClaimWindowOpenHeight', () => {
  it('default', () => {
    expect(getClaimWindowOpenHeight(devnet, 7n)).toBe(13n)
  })

  it('behavior: session 21…30 opens its claim window at 33', () => {
    expect(getClaimWindowOpenHeight(devnet, 21n)).toBe(33n)
  })

  it('error: height before genesis', () => {
    expect(() => getClaimWindowOpenHeight(devnet, 0n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
  })
})
