// Display formatting. Amounts arrive as decimal strings of base units (bigints on the server); they are
// formatted with BigInt so that no precision is lost above 2^53.

const intFormat = new Intl.NumberFormat('en-US')

/**
 * Formats base units as tokens: `1234567` with 6 decimals → `1.234567`. Trailing zeros are dropped.
 *
 * @example
 * formatTokens('2319', 6) // '0.002319'
 */
export function formatTokens(baseUnits: string, decimals: number): string {
  const value = BigInt(baseUnits)
  const negative = value < 0n
  const abs = negative ? -value : value
  const scale = 10n ** BigInt(decimals)
  const whole = intFormat.format(abs / scale)
  const fraction = (abs % scale).toString().padStart(decimals, '0').replace(/0+$/, '')
  return `${negative ? '−' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

/**
 * Converts base units to a float number of tokens, for charts only.
 *
 * @example
 * toTokenNumber('2319', 6) // 0.002319
 */
export function toTokenNumber(baseUnits: string, decimals: number): number {
  return Number(baseUnits) / 10 ** decimals
}

/**
 * Formats an integer string with thousands separators.
 *
 * @example
 * formatInt('1234567') // '1,234,567'
 */
export function formatInt(value: string | number): string {
  return typeof value === 'number' ? intFormat.format(value) : intFormat.format(BigInt(value))
}

/**
 * Shortens a hex string for tables: `0x1234…abcd`.
 *
 * @example
 * shortHex('0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc') // '0x9965…a4dc'
 */
export function shortHex(hex: string): string {
  return hex.length > 14 ? `${hex.slice(0, 6)}…${hex.slice(-4)}` : hex
}

/**
 * Formats a probability: percentages down to 0.01 %, scientific notation below.
 *
 * @example
 * formatProbability(0.3333) // '33.33 %'
 */
export function formatProbability(p: number): string {
  if (p === 0) return '0 %'
  if (p >= 0.0001) return `${(p * 100).toFixed(2)} %`
  return p.toExponential(2)
}

/**
 * Formats a rate with one decimal, or an em dash when unknown.
 *
 * @example
 * formatRate(2.345) // '2.3'
 */
export function formatRate(value: number | null): string {
  return value === null ? '—' : value.toFixed(1)
}

/**
 * Formats a time (ms since the epoch) as local date and time.
 *
 * @example
 * formatTime(0) // '1/1/1970, …'
 */
export function formatTime(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toLocaleString('en-US')
}

/**
 * Formats a time of today as hours, minutes and seconds, an older one with its date too.
 *
 * @example
 * formatClock(Date.now()) // '10:42:07 AM'
 */
export function formatClock(ms: number): string {
  const date = new Date(ms)
  const isToday = date.toDateString() === new Date().toDateString()
  return isToday ? date.toLocaleTimeString('en-US') : date.toLocaleString('en-US')
}

/**
 * Formats a token amount given as a float (chart axes and legends): six decimals at most, trailing zeros
 * dropped, so that devnet-sized amounts (a few thousandths) stay readable.
 *
 * @example
 * formatTokenNumber(0.0015) // '0.0015'
 */
export function formatTokenNumber(value: number): string {
  if (value === 0) return '0'
  if (Math.abs(value) >= 1000) return intFormat.format(Math.round(value))
  return value.toFixed(6).replace(/\.?0+$/, '')
}

/**
 * `1 claim`, `2 claims`.
 *
 * @example
 * plural(1, 'claim') // '1 claim'
 */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
