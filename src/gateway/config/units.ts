import { z } from 'zod'

const BYTE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1_000,
  kib: 1_024,
  mb: 1_000_000,
  mib: 1_048_576,
}
const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }
const BYTE_SIZE_RE = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib)?$/i
const DURATION_RE = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/

/**
 * Parses a byte size such as `1MiB`, `512kb` or a plain number of bytes.
 *
 * @param value - bytes, or a string with a unit (B, KB, KiB, MB, MiB)
 * @returns whole bytes, or NaN when the text is not a size
 * @example
 * parseByteSize('1MiB') // 1048576
 */
export function parseByteSize(value: number | string): number {
  if (typeof value === 'number') return value
  const match = BYTE_SIZE_RE.exec(value.trim())
  if (!match) return Number.NaN
  return Math.round(Number(match[1]) * BYTE_UNITS[(match[2] ?? 'b').toLowerCase()]!)
}

/**
 * Parses a duration such as `30s`, `500ms`, `2m` or a plain number of milliseconds.
 *
 * @param value - milliseconds, or a string with a unit (ms, s, m, h)
 * @returns whole milliseconds, or NaN when the text is not a duration
 * @example
 * parseDurationMs('1.5s') // 1500
 */
export function parseDurationMs(value: number | string): number {
  if (typeof value === 'number') return value
  const match = DURATION_RE.exec(value.trim())
  if (!match) return Number.NaN
  return Math.round(Number(match[1]) * DURATION_UNITS[match[2]!]!)
}

/** A byte size in the config: a number of bytes or a string with a unit; parsed to bytes. */
export const byteSizeSchema = z
  .union([z.number().int().positive(), z.string()])
  .transform((value) => parseByteSize(value))
  .refine((value) => Number.isInteger(value) && value > 0, 'expected a size such as 1MiB, 512kb or 1048576')

/** A duration in the config: milliseconds or a string with a unit; parsed to milliseconds. */
export const durationSchema = z
  .union([z.number().int().nonnegative(), z.string()])
  .transform((value) => parseDurationMs(value))
  .refine((value) => Number.isInteger(value) && value >= 0, 'expected a duration such as 30s, 500ms or 2m')
