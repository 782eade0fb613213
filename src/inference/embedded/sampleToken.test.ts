import { describe, expect, it } from 'vitest'
import { sampleToken } from './sampleToken.ts'

const distribution = new Map([
  [10, 0.5],
  [11, 0.3],
  [12, 0.2],
  [13, 0],
])

describe('sampleToken', () => {
  it('default: the uniform draw walks the cumulative distribution', () => {
    const plain = { temperature: 1, topP: 1 }
    expect(sampleToken(distribution, plain, 0)).toBe(10)
    expect(sampleToken(distribution, plain, 0.49)).toBe(10)
    expect(sampleToken(distribution, plain, 0.51)).toBe(11)
    expect(sampleToken(distribution, plain, 0.99)).toBe(12)
  })

  it('behavior: top_p keeps the smallest prefix reaching p', () => {
    // 0.5 + 0.3 ≥ 0.8: token 12 is cut, so the top draw lands on 11.
    expect(sampleToken(distribution, { temperature: 1, topP: 0.8 }, 0.999)).toBe(11)
    expect(sampleToken(distribution, { temperature: 1, topP: 0.1 }, 0.999)).toBe(10)
  })

  it('behavior: low temperature sharpens towards the most likely token', () => {
    // p^(1/0.1): 0.5^10 dominates 0.3^10, so almost every draw picks 10.
    expect(sampleToken(distribution, { temperature: 0.1, topP: 1 }, 0.99)).toBe(10)
    expect(sampleToken(distribution, { temperature: 2, topP: 1 }, 0.6)).toBe(11)
  })

  it('behavior: tokens with probability 0 are never drawn', () => {
    expect(sampleToken(distribution, { temperature: 1, topP: 1 }, 0.9999999)).toBe(12)
  })
})
