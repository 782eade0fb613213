/**
 * Input checks shared by the settlement operations (internal: not part of the public surface). Each throws
 * `SettlementInvalidParamsError` naming the field, so a bad configuration fails before any arithmetic.
 */
import { type Hex, hexToBytes, isHex } from '../bytes/bytes.ts'
import { SettlementInvalidParamsError } from './errors.ts'
import type { Rational } from './types.ts'

/** 2^256 − 1, the spec's `B`. */
export const MAX_UINT256 = 2n ** 256n - 1n

/** Throws unless `value` is a bigint ≥ 0. */
export function assertNonNegative(field: string, value: bigint): void {
  if (typeof value !== 'bigint' || value < 0n)
    throw new SettlementInvalidParamsError({ field, reason: `must be a bigint ≥ 0, got ${String(value)}` })
}

/** Throws unless `value` is a bigint ≥ 1 (a divisor or a count). */
export function assertPositive(field: string, value: bigint): void {
  if (typeof value !== 'bigint' || value < 1n)
    throw new SettlementInvalidParamsError({ field, reason: `must be a bigint ≥ 1, got ${String(value)}` })
}

/** Throws unless `r` is a non-negative rational; with `isProbability`, also `r ≤ 1`. */
export function assertRational(field: string, r: Rational, isProbability = false): void {
  assertNonNegative(`${field}.numerator`, r.numerator)
  assertPositive(`${field}.denominator`, r.denominator)
  if (isProbability && r.numerator > r.denominator)
    throw new SettlementInvalidParamsError({ field, reason: 'a probability must be ≤ 1' })
}

/** A uint32 token count (number or bigint) as a bigint; throws if it is not one. */
export function toUint32(field: string, value: number | bigint): bigint {
  const isInteger = typeof value === 'bigint' || Number.isSafeInteger(value)
  const asBigint = isInteger ? BigInt(value) : -1n
  if (asBigint < 0n || asBigint > 0xffffffffn)
    throw new SettlementInvalidParamsError({ field, reason: `must be a uint32, got ${String(value)}` })
  return asBigint
}

/** Bytes of a `0x` hex string that must be exactly `length` bytes long. */
export function toFixedBytes(field: string, value: Hex, length: number): Uint8Array {
  if (!isHex(value) || value.length !== 2 + 2 * length)
    throw new SettlementInvalidParamsError({ field, reason: `must be ${length} bytes of 0x hex` })
  return hexToBytes(value)
}
