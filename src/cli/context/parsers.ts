import { InvalidArgumentError } from 'commander'
import { type Address, getAddress, isAddress, parseUnits } from 'viem'
import { tokenDecimals } from './output.ts'

// Option parsers for commander: each turns text into a typed value or throws commander's
// InvalidArgumentError, which commander prints with the option's name and exits with status 1.

/**
 * Parses a token amount (`100`, `0.25`) into base units (6 decimals).
 *
 * @param value - decimal tokens
 * @returns base units
 * @example
 * parseTokenAmount('1.5') // 1_500_000n
 */
export function parseTokenAmount(value: string): bigint {
  if (!/^\d+(\.\d{1,6})?$/.test(value.trim()))
    throw new InvalidArgumentError(
      'expected tokens as a decimal number with at most 6 decimals, e.g. 100 or 0.5',
    )
  return parseUnits(value.trim(), tokenDecimals)
}

/**
 * Parses a 20-byte `0x` address and checksums it.
 *
 * @example
 * parseAddress('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')
 */
export function parseAddress(value: string): Address {
  if (!isAddress(value, { strict: false }))
    throw new InvalidArgumentError('expected a 0x-prefixed 20-byte address')
  return getAddress(value)
}

/**
 * Parses a TCP port (0 = pick a free one).
 *
 * @example
 * parsePort('8080') // 8080
 */
export function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new InvalidArgumentError('expected a port, 0 to 65535')
  return port
}

/**
 * Parses a non-negative safe integer.
 *
 * @example
 * parseNonNegativeInteger('3') // 3
 */
export function parseNonNegativeInteger(value: string): number {
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected an integer ≥ 0')
  return parsed
}

/**
 * Parses a non-negative integer as a bigint (session numbers, blocks, compute units).
 *
 * @example
 * parseBigint('12') // 12n
 */
export function parseBigint(value: string): bigint {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a non-negative integer')
  return BigInt(value.trim())
}

/**
 * Parses basis points, 0 to 10 000.
 *
 * @example
 * parseBps('1000') // 1000
 */
export function parseBps(value: string): number {
  const bps = parseNonNegativeInteger(value)
  if (bps > 10_000) throw new InvalidArgumentError('expected basis points, 0 to 10000')
  return bps
}

/**
 * Collects a repeatable option into an array (commander's reducer form).
 *
 * @example
 * command.option('--uri <uri>', 'repeatable', collect, [])
 */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}
