import { describe, expect, it } from 'vitest'
import { fromFloat16Bits, toFloat16Bits } from './float16.ts'

describe('toFloat16Bits', () => {
  it('behavior: every binary16 value round-trips (NaN stays NaN)', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = fromFloat16Bits(bits)
      if (Number.isNaN(value)) expect(toFloat16Bits(value) & 0x7e00).toBe(0x7e00)
      else expect(toFloat16Bits(value)).toBe(bits)
    }
  })

  it('behavior: midpoints round to the even neighbour, other points to the nearest', () => {
    for (let bits = 0; bits < 0x7bff; bits += 7) {
      const low = fromFloat16Bits(bits)
      const high = fromFloat16Bits(bits + 1)
      const even = bits % 2 === 0 ? bits : bits + 1
      expect(toFloat16Bits((low + high) / 2)).toBe(even)
      expect(toFloat16Bits(low + (high - low) / 4)).toBe(bits)
      expect(toFloat16Bits(low + ((high - low) * 3) / 4)).toBe(bits + 1)
    }
  })

  it('behavior: overflow goes to infinity, underflow to signed zero or the smallest subnormal', () => {
    expect(toFloat16Bits(65520)).toBe(0x7c00)
    expect(toFloat16Bits(65519)).toBe(0x7bff)
    expect(toFloat16Bits(-1e9)).toBe(0xfc00)
    expect(toFloat16Bits(2 ** -25)).toBe(0)
    expect(toFloat16Bits(2 ** -25 * 1.001)).toBe(1)
    expect(toFloat16Bits(-(2 ** -26))).toBe(0x8000)
  })
})
