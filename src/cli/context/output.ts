import { formatUnits } from 'viem'

/** Token decimals of the decai token (1 token = 10^6 base units). */
export const tokenDecimals = 6

/**
 * Converts a value for JSON output: bigints become decimal strings (JSON numbers lose precision above
 * 2^53), everything else is kept.
 *
 * @param value - any value
 * @returns a JSON-safe copy
 * @example
 * toJsonValue({ stake: 10n }) // { stake: '10' }
 */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(toJsonValue)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toJsonValue(inner)]))
  }
  return value
}

/**
 * Prints one JSON document on stdout, bigints as decimal strings: what every `--json` option prints.
 *
 * @param value - the document
 * @example
 * printJson({ balance: 1n })
 */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(toJsonValue(value), null, 2)}\n`)
}

/**
 * Formats token base units as tokens with the symbol, e.g. `12.5 DECAI`.
 *
 * @param baseUnits - an amount in base units
 * @returns the human form
 * @example
 * formatTokens(12_500_000n) // '12.5 DECAI'
 */
export function formatTokens(baseUnits: bigint): string {
  return `${formatUnits(baseUnits, tokenDecimals)} DECAI`
}

/**
 * Prints aligned `key value` lines for people.
 *
 * @param rows - label and value pairs; `undefined` values print as `-`
 * @example
 * printRows([['session', '12'], ['target', '0xff…']])
 */
export function printRows(rows: ReadonlyArray<readonly [string, unknown]>): void {
  const width = Math.max(...rows.map(([label]) => label.length))
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value ?? '-'}`)
}
