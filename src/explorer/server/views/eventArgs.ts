import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { ExplorerEvent } from '../../ports.ts'

// Typed reads of decoded event arguments. The indexer stores whatever the ABI decoded; the explorer reads
// defensively so that an event whose shape changed with a contract upgrade degrades to a default instead
// of failing a whole page.

/**
 * Reads an integer argument.
 *
 * @param event - the event
 * @param name - the argument name
 * @returns the value, or 0n when absent or not an integer
 * @example
 * argBigint(event, 'burned') // 500n
 */
export function argBigint(event: ExplorerEvent, name: string): bigint {
  const value = event.args[name]
  if (typeof value === 'bigint') return value
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  return 0n
}

/**
 * Reads an address or bytes argument, lower-cased (addresses compare case-insensitively).
 *
 * @returns the hex, or `0x` when absent
 * @example
 * argHex(event, 'supplierOperator') // '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
 */
export function argHex(event: ExplorerEvent, name: string): Hex {
  const value = event.args[name]
  return typeof value === 'string' && value.startsWith('0x') ? (value.toLowerCase() as Hex) : '0x'
}

/**
 * Reads a string argument.
 *
 * @returns the string, or '' when absent
 * @example
 * argString(event, 'serviceId') // 'llama-tiny'
 */
export function argString(event: ExplorerEvent, name: string): string {
  const value = event.args[name]
  return typeof value === 'string' ? value : ''
}

/**
 * Reads a boolean argument.
 *
 * @returns the boolean, false when absent
 * @example
 * argBoolean(event, 'proofRequired')
 */
export function argBoolean(event: ExplorerEvent, name: string): boolean {
  return event.args[name] === true
}

/**
 * Reads a struct argument as a record.
 *
 * @returns the record, or an empty one
 * @example
 * argRecord(claimCreated, 'header').serviceId
 */
export function argRecord(event: ExplorerEvent, name: string): Record<string, unknown> {
  const value = event.args[name]
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

/**
 * Reads an array argument.
 *
 * @returns the array, or an empty one
 * @example
 * argArray(event, 'modelUris')
 */
export function argArray(event: ExplorerEvent, name: string): unknown[] {
  const value = event.args[name]
  return Array.isArray(value) ? value : []
}

/**
 * Lower-cases an address for use as a map key and in URLs.
 *
 * @example
 * toAddressKey('0xAbC…') // '0xabc…'
 */
export function toAddressKey(value: unknown): Hex {
  return (typeof value === 'string' ? value.toLowerCase() : '0x') as Hex
}
