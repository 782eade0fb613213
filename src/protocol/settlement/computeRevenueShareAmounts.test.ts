import { describe, expect, it } from 'vitest'
import { computeRevenueShareAmounts } from './computeRevenueShareAmounts.ts'
import type { Address } from './types.ts'

const a: Address = `0x${'aa'.repeat(20)}`
const b: Address = `0x${'bb'.repeat(20)}`
const c: Address = `0x${'cc'.repeat(20)}`

describe('computeRevenueShareAmounts', () => {
  it('default', () => {
    expect(
      computeRevenueShareAmounts(10n, [
        { address: a, bps: 3_333 },
        { address: b, bps: 6_667 },
      ]),
    ).toEqual([
      { address: a, amount: 4n },
      { address: b, amount: 6n },
    ])
  })

  it('behavior: the first share gets the whole remainder, even when it is the smallest', () => {
    const shares = [
      { address: a, bps: 1 },
      { address: b, bps: 4_999 },
      { address: c, bps: 5_000 },
    ]
    // floors: 0, 0, 0 → the first gets all 1; then 0, 4, 5 → the first gets 1
    expect(computeRevenueShareAmounts(1n, shares).map((s) => s.amount)).toEqual([1n, 0n, 0n])
    expect(computeRevenueShareAmounts(10n, shares).map((s) => s.amount)).toEqual([1n, 4n, 5n])
  })

  it('behavior: zero stays zero', () => {
    expect(computeRevenueShareAmounts(0n, [{ address: a, bps: 10_000 }])).toEqual([
      { address: a, amount: 0n },
    ])
  })
})
