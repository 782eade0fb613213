import { assertMembershipCounts } from './assertMembershipCounts.ts'
import type { SessionInvalidParamsError } from './errors.ts'

export type ComputeMembershipThresholdParameters = {
  /** n: suppliers staked for the service at the session start (a ledger counter). */
  numSuppliers: number | bigint
  /** k: the expected number of suppliers per session. */
  suppliersPerSession: number | bigint
}
export type ComputeMembershipThresholdReturnType = bigint
export type ComputeMembershipThresholdErrorType = SessionInvalidParamsError

const B = 2n ** 256n - 1n

/**
 * The sortition threshold of spec §3.4: a supplier is in the session iff its membership hash, as a uint256,
 * is below it. For `n > k` it is `floor(B / n) · k`, so each supplier is drawn independently with
 * probability ≈ k/n and the session size is Binomial(n, k/n) with mean ≈ k; for `n ≤ k` it is `2^256`,
 * above every hash, because then every supplier is in. One division and one product: O(1) gas on-chain.
 *
 * @param parameters - n and k.
 * @returns The exclusive upper bound on membership hashes.
 * @throws SessionInvalidParamsError when a count is not an integer or `k < 1`.
 *
 * @example
 * computeMembershipThreshold({ numSuppliers: 24, suppliersPerSession: 12 }) // floor((2^256 − 1) / 24) · 12 ≈ 2^255
 * computeMembershipThreshold({ numSuppliers: 3, suppliersPerSession: 12 }) // 2n ** 256n
 */
export function computeMembershipThreshold(
  parameters: ComputeMembershipThresholdParameters,
): ComputeMembershipThresholdReturnType {
  const { n, k } = assertMembershipCounts(parameters)
  if (n <= k) return 2n ** 256n
  return (B / n) * k
}
