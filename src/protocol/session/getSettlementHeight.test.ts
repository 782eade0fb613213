import { describe, expect, it } from 'vitest'
import { getSettlementHeight } from './getSettlementHeight.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

const devnet = sessionParamsPresets.devnet

describe('getSettlementHeight', () => {
  it('default', () => {
    expect(getSettlementHeight(devnet, 7n)).toBe(31n)
  })

  it('behavior: session 21…30 settles from 51', () => {
    expect(getSettlementHeight(devnet, 21n)).toBe(51n)
  })

  it('error: height before genesis', () => {
    expect(() => getSettlementHeight(devnet, 0n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
  })
})
