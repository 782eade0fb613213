import { describe, expect, it } from 'vitest'
import { getSessionEndHeight } from './getSessionEndHeight.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

const devnet = sessionParamsPresets.devnet

describe('getSessionEndHeight', () => {
  it('default', () => {
    expect(getSessionEndHeight(devnet, 7n)).toBe(10n)
  })

  it('behavior: the end height belongs to its own session', () => {
    expect(getSessionEndHeight(devnet, 10n)).toBe(10n)
  })

  it('error: height before genesis', () => {
    expect(() => getSessionEndHeight(devnet, 0n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
  })
})
