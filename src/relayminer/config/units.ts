import { z } from 'zod'

const BYTE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1_000,
  kib: 1_024,
  mb: 1_000_000,
  mib: 1_048_576,
  gb: 1_000_000_000,
  gib: 1_073_741_824,
}
const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }

const BYTE_SIZE_RE = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?$/i
const DURATION_RE = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/

/**
 * Parses a byte size such as `1MiB`, `512kb` or a plain number of bytes.
 *
 * @param value - a non-negative integer (bytes) or a string with a unit (B, KB, KiB, MB, MiB, GB, GiB)
 * @returns whole bytes
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
 * @returns whole milliseconds
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
  .union([
    z.number().int().positive(),
    z.string().regex(BYTE_SIZE_RE, 'expected e.g. 1MiB, 512KB or 1048576'),
  ])
  .transform(parseByteSize)
  .describe('bytes: an integer, or a string with a unit (B, KB, KiB, MB, MiB, GB, GiB)')

/** A duration in the config: a number of milliseconds or a string with a unit; parsed to milliseconds. */
export const durationSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(DURATION_RE, 'expected e.g. 500ms, 30s or 2m')])
  .transform(parseDurationMs)
  .describe('milliseconds: an integer, or a string with a unit (ms, s, m, h)')
