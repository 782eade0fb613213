import { SettlementInvalidParamsError, SettlementInvalidSharesError } from './errors.ts'
import type { RevenueShare } from './types.ts'

/** Basis points in a whole. */
export const BPS_DENOMINATOR = 10_000

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/

/** Throws `SettlementInvalidParamsError` unless `bps` is an integer in [0, 10 000]. */
export function assertBps(field: string, bps: number): void {
  if (!Number.isSafeInteger(bps) || bps < 0 || bps > BPS_DENOMINATOR)
    throw new SettlementInvalidParamsError({
      field,
      reason: `must be an integer in [0, 10 000] bps, got ${bps}`,
    })
}

/**
 * Checks a split's shares (spec §7.3): the supplier's and champion's cut fit in the whole, and revenue
 * shares are distinct 20-byte addresses with 1..10 000 bps each, summing to exactly 10 000. Unlike
 * poktroll, which silently pays the owner on an invalid list, this throws: a contract should reject the
 * list when it is set, not reinterpret it at settlement.
 *
 * @example
 * assertSplitShares({ supplierBps: 8000, championBps: 1000, revenueShares: [{ address, bps: 10_000 }] })
 */
export function assertSplitShares({
  supplierBps,
  championBps,
  revenueShares,
}: {
  supplierBps: number
  championBps: number
  revenueShares: readonly RevenueShare[]
}): void {
  assertBps('supplierBps', supplierBps)
  assertBps('championBps', championBps)
  if (supplierBps + championBps > BPS_DENOMINATOR)
    throw new SettlementInvalidSharesError({
      reason: `supplierBps + championBps = ${supplierBps + championBps} > 10 000`,
    })
  if (revenueShares.length === 0) throw new SettlementInvalidSharesError({ reason: 'no revenue shares' })
  const seen = new Set<string>()
  let sum = 0
  for (const { address, bps } of revenueShares) {
    if (!ADDRESS_RE.test(address))
      throw new SettlementInvalidSharesError({ reason: `malformed address ${address}` })
    if (!Number.isSafeInteger(bps) || bps < 1 || bps > BPS_DENOMINATOR)
      throw new SettlementInvalidSharesError({
        reason: `share of ${address} must be 1..10 000 bps, got ${bps}`,
      })
    const key = address.toLowerCase()
    if (seen.has(key)) throw new SettlementInvalidSharesError({ reason: `duplicate address ${address}` })
    seen.add(key)
    sum += bps
  }
  if (sum !== BPS_DENOMINATOR)
    throw new SettlementInvalidSharesError({ reason: `revenue shares sum to ${sum} bps, not 10 000` })
}
