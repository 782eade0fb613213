import { BPS_DENOMINATOR } from './assertSplitShares.ts'
import type { RevenueShare, RevenueShareAmount } from './types.ts'

/**
 * Splits a supplier's amount between its revenue shares (spec §7.3): each gets `floor(amount × bps / 10 000)`
 * and the first also gets what flooring left over, so the parts sum to `amount` exactly. Shares must
 * already be valid (`assertSplitShares`).
 *
 * @param amount - Token base units due to the supplier.
 * @param revenueShares - Valid shares, in the order the supplier set them.
 * @returns One amount per share, in the same order.
 *
 * @example
 * computeRevenueShareAmounts(10n, [{ address: a, bps: 3_333 }, { address: b, bps: 6_667 }])
 * // [{ address: a, amount: 4n }, { address: b, amount: 6n }]: 3 + the remainder 1
 */
export function computeRevenueShareAmounts(
  amount: bigint,
  revenueShares: readonly RevenueShare[],
): RevenueShareAmount[] {
  const parts = revenueShares.map(({ address, bps }) => ({
    address,
    amount: (amount * BigInt(bps)) / BigInt(BPS_DENOMINATOR),
  }))
  const distributed = parts.reduce((sum, part) => sum + part.amount, 0n)
  if (parts[0]) parts[0].amount += amount - distributed
  return parts
}
