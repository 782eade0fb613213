import type { Hex } from '../../../protocol/bytes/bytes.ts'
import { ExplorerInvalidRequestError } from '../../errors.ts'

/**
 * Parses an address path parameter.
 *
 * @returns the address, lower-case
 * @throws {ExplorerInvalidRequestError} when it is not 20 bytes of hex
 * @example
 * parseAddressParam('0xAbC…') // '0xabc…'
 */
export function parseAddressParam(value: string): Hex {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value))
    throw new ExplorerInvalidRequestError({ parameter: 'address', reason: 'expected 0x and 40 hex digits' })
  return value.toLowerCase() as Hex
}

/**
 * Parses a session-number path parameter.
 *
 * @returns the session number
 * @throws {ExplorerInvalidRequestError} when it is not a positive decimal integer
 * @example
 * parseSessionParam('12') // 12n
 */
export function parseSessionParam(value: string): bigint {
  if (!/^[1-9]\d{0,18}$/.test(value))
    throw new ExplorerInvalidRequestError({ parameter: 'session', reason: 'expected a positive integer' })
  return BigInt(value)
}

/**
 * Parses an optional `limit` query parameter, clamped to `[1, max]`.
 *
 * @returns the limit, `fallback` when absent
 * @throws {ExplorerInvalidRequestError} when present and not an integer
 * @example
 * parseLimitParam('20', 50, 500) // 20
 */
export function parseLimitParam(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback
  if (!/^\d{1,6}$/.test(value))
    throw new ExplorerInvalidRequestError({ parameter: 'limit', reason: 'expected a positive integer' })
  return Math.min(max, Math.max(1, Number(value)))
}

/**
 * Parses an optional `before` query parameter: the cursor of a paged list (a block or a session number, as
 * the previous page's `nextBefore` gave it).
 *
 * @returns the cursor, or undefined when absent
 * @throws {ExplorerInvalidRequestError} when present and not a positive decimal integer
 * @example
 * parseBeforeParam('1200') // 1200n
 */
export function parseBeforeParam(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined
  if (!/^[1-9]\d{0,18}$/.test(value))
    throw new ExplorerInvalidRequestError({ parameter: 'before', reason: 'expected a positive integer' })
  return BigInt(value)
}
