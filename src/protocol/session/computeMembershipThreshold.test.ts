import { describe, expect, it } from 'vitest'
import { computeMembershipThreshold } from './computeMembershipThreshold.ts'

const B = 2n ** 256n - 1n

describe('computeMembershipThreshold', () => {
  it('default', () => {
    expect(computeMembershipThreshold({ numSuppliers: 100, suppliersPerSession: 12 })).toBe((B / 100n) * 12n)
  })

  it('behavior: n ≤ k admits every hash (threshold 2^256), including n = 0', () => {
    for (const n of [0, 1, 12])
      expect(computeMembershipThreshold({ numSuppliers: n, suppliersPerSession: 12n })).toBe(2n ** 256n)
  })

  it('behavior: the probability threshold / 2^256 is k/n up to one part in 2^200', () => {
    for (const [n, k] of [
      [13n, 12n],
      [1000n, 3n],
      [2n ** 40n, 8n],
    ] as const) {
      const t = computeMembershipThreshold({ numSuppliers: n, suppliersPerSession: k })
      expect(t < B).toBe(true)
      // |t·n − k·2^256| ≤ k·n, far below the 2^256 scale.
      const error = t * n - k * 2n ** 256n
      expect(error <= 0n && -error <= k * n + k).toBe(true)
    }
  })

  it('error: k < 1, negative or fractional counts', () => {
    for (const bad of [
      { numSuppliers: 10, suppliersPerSession: 0 },
      { numSuppliers: -1, suppliersPerSession: 3 },
      { numSuppliers: 1.5, suppliersPerSession: 3 },
      { numSuppliers: 2n ** 64n, suppliersPerSession: 3n },
    ])
      expect(() => computeMembershipThreshold(bad)).toThrow(
        expect.objectContaining({ code: 'SESSION_INVALID_PARAMS' }),
      )
  })
})
