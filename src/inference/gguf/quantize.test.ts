import { describe, expect, it } from 'vitest'
import { fromFloat16Bits } from './float16.ts'
import { quantizeQ4_0, quantizeQ8_0 } from './quantize.ts'

const block = (f: (j: number) => number) => Float32Array.from({ length: 32 }, (_, j) => f(j))

describe('quantizeQ8_0', () => {
  it('behavior: scale is amax/127 and values round half away from zero', () => {
    const out = new Uint8Array(34)
    // amax = 127 → d = 1, so each weight is its own rounded value.
    const values = block((j) => (j === 0 ? 127 : j === 1 ? -2.5 : j === 2 ? 2.5 : j === 3 ? -0.4 : 0))
    expect(quantizeQ8_0(values, out, 0)).toBe(34)
    const view = new DataView(out.buffer)
    expect(fromFloat16Bits(view.getUint16(0, true))).toBe(1)
    expect([view.getInt8(2), view.getInt8(3), view.getInt8(4), view.getInt8(5)]).toEqual([127, -3, 3, 0])
  })

  it('behavior: an all-zero block has scale 0 and zero weights', () => {
    const out = new Uint8Array(68).fill(0xff)
    quantizeQ8_0(new Float32Array(64), out, 0)
    expect([...out]).toEqual(new Array(68).fill(0))
  })
})

describe('quantizeQ4_0', () => {
  it('behavior: scale is the extreme signed value / −8; first half in low nibbles, second half in high', () => {
    const out = new Uint8Array(18)
    // max-magnitude value −8 → d = 1: nibble = min(15, trunc(x + 8.5)).
    const values = block((j) => (j === 0 ? -8 : j === 16 ? 7 : j === 1 ? 0.4 : j === 17 ? -0.6 : 0))
    expect(quantizeQ4_0(values, out, 0)).toBe(18)
    expect(fromFloat16Bits(new DataView(out.buffer).getUint16(0, true))).toBe(1)
    expect(out[2]).toBe(0 | (15 << 4))
    expect(out[3]).toBe(8 | (7 << 4))
    expect(out[4]).toBe(8 | (8 << 4))
  })

  it('behavior: a positive extreme gives a negative scale and clamps at 15', () => {
    const out = new Uint8Array(18)
    quantizeQ4_0(
      block((j) => (j === 0 ? 8 : j === 16 ? -8 : 0)),
      out,
      0,
    )
    expect(fromFloat16Bits(new DataView(out.buffer).getUint16(0, true))).toBe(-1)
    // 8 · (1/−1) + 8.5 = 0.5 → 0;  −8 · (1/−1) + 8.5 = 16.5 → 16 → clamped to 15.
    expect(out[2]).toBe(0 | (15 << 4))
  })
})
