import { describe, expect, it } from 'vitest'
import { assertSplitShares } from './assertSplitShares.ts'
import { SettlementInvalidParamsError, SettlementInvalidSharesError } from './errors.ts'
import type { Address } from './types.ts'

const a: Address = `0x${'aa'.repeat(20)}`
const b: Address = `0x${'bb'.repeat(20)}`

describe('assertSplitShares', () => {
  it('default', () => {
    expect(() =>
      assertSplitShares({
        supplierBps: 8_000,
        championBps: 2_000,
        revenueShares: [{ address: a, bps: 10_000 }],
      }),
    ).not.toThrow()
  })

  it('behavior: supplier and champion may take nothing, shares may be many', () => {
    const revenueShares = [
      { address: a, bps: 1 },
      { address: b, bps: 9_999 },
    ]
    expect(() => assertSplitShares({ supplierBps: 0, championBps: 0, revenueShares })).not.toThrow()
  })

  it('error: duplicates compare case-insensitively', () => {
    const upper = `0x${'AA'.repeat(20)}` as Address
    const revenueShares = [
      { address: a, bps: 5_000 },
      { address: upper, bps: 5_000 },
    ]
    expect(() => assertSplitShares({ supplierBps: 1, championBps: 1, revenueShares })).toThrow(
      expect.objectContaining({ code: 'SETTLEMENT_INVALID_SHARES' }),
    )
  })

  it('error: shares over the whole', () => {
    const revenueShares = [{ address: a, bps: 10_000 }]
    expect(() => assertSplitShares({ supplierBps: 10_000, championBps: 1, revenueShares })).toThrow(
      SettlementInvalidSharesError,
    )
    expect(() => assertSplitShares({ supplierBps: 10_001, championBps: 0, revenueShares })).toThrow(
      SettlementInvalidParamsError,
    )
  })
})
