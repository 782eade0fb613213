import { describe, expect, it } from 'vitest'
import { createSfc32, createStreamRng, fnv1a32 } from './prng.ts'

describe('prng', () => {
  it('default: FNV-1a matches the published test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5)
    expect(fnv1a32('a')).toBe(0xe40c292c)
    expect(fnv1a32('foobar')).toBe(0xbf9cf968)
  })

  it('behavior: streams are pinned (a change here changes every generated model)', () => {
    const next = createStreamRng(42, 'token_embd.weight')
    expect(Array.from({ length: 4 }, next)).toMatchInlineSnapshot(`
      [
        1438490536,
        4124620889,
        416875176,
        1513173048,
      ]
    `)
  })

  it('behavior: outputs are unsigned 32-bit and differ by seed and by stream name', () => {
    const a = createSfc32(1)
    const values = Array.from({ length: 1000 }, a)
    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32)).toBe(true)
    expect(createStreamRng(1, 'x')()).not.toBe(createStreamRng(2, 'x')())
    expect(createStreamRng(1, 'x')()).not.toBe(createStreamRng(1, 'y')())
  })
})
