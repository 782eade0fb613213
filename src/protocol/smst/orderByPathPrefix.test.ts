import { describe, expect, it } from 'vitest'
import { orderByPathPrefix } from './orderByPathPrefix.ts'

describe('orderByPathPrefix', () => {
  it('behavior: orders by the first 16 bits, stable within a prefix', () => {
    const prefixes = [0xff00, 0x0001, 0xff00, 0x0000, 0x0001]
    const paths = new Uint8Array(prefixes.length * 32)
    prefixes.forEach((prefix, i) => {
      paths[i * 32] = prefix >> 8
      paths[i * 32 + 1] = prefix & 0xff
      paths[i * 32 + 2] = 0xff - i // later bytes do not matter
    })
    expect([...orderByPathPrefix(paths, prefixes.length)]).toEqual([3, 1, 4, 0, 2])
  })

  it('default: no paths', () => {
    expect(orderByPathPrefix(new Uint8Array(), 0)).toEqual(new Int32Array())
  })
})
