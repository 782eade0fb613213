import { SessionInvalidParamsError } from './errors.ts'

const MAX_UINT64 = 2n ** 64n - 1n

/**
 * Internal guard for the membership functions: both counts are integers (number or bigint, since viem
 * reads uint32 as number and uint64 as bigint) in uint64 range, and `suppliersPerSession ≥ 1`.
 *
 * @param counts - `numSuppliers` (n, suppliers staked for the service at the session start) and
 *   `suppliersPerSession` (k).
 * @returns Both counts as bigints.
 * @throws SessionInvalidParamsError
 *
 * @example
 * assertMembershipCounts({ numSuppliers: 100, suppliersPerSession: 12n }) // { n: 100n, k: 12n }
 */
export function assertMembershipCounts(counts: {
  numSuppliers: number | bigint
  suppliersPerSession: number | bigint
}): { n: bigint; k: bigint } {
  const n = toCount('numSuppliers', counts.numSuppliers, 0n)
  const k = toCount('suppliersPerSession', counts.suppliersPerSession, 1n)
  return { n, k }
}

function toCount(field: string, value: number | bigint, min: bigint): bigint {
  const isInteger = typeof value === 'bigint' || Number.isSafeInteger(value)
  const count = isInteger ? BigInt(value) : -1n
  if (count < min || count > MAX_UINT64)
    throw new SessionInvalidParamsError({
      field,
      reason: `must be an integer in [${min}, 2^64 − 1], got ${value}`,
    })
  return count
}
