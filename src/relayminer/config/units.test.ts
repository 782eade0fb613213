import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { Secret } from './secret.ts'
import { parseByteSize, parseDurationMs } from './units.ts'

describe('units', () => {
  it.each([
    ['valid: plain bytes', 512, 512],
    ['valid: KiB', '4KiB', 4_096],
    ['valid: decimal MB', '1.5MB', 1_500_000],
    ['valid: GiB with a space', '1 GiB', 1_073_741_824],
  ])('%s', (_name, input, bytes) => expect(parseByteSize(input)).toBe(bytes))

  it.each([
    ['valid: plain milliseconds', 250, 250],
    ['valid: seconds', '1.5s', 1_500],
    ['valid: minutes', '2m', 120_000],
    ['valid: hours', '1h', 3_600_000],
  ])('%s', (_name, input, ms) => expect(parseDurationMs(input)).toBe(ms))

  it('invalid: unknown units are NaN (the schema rejects them first)', () => {
    expect(parseByteSize('3 bananas')).toBeNaN()
    expect(parseDurationMs('soon')).toBeNaN()
  })
})

describe('Secret', () => {
  it('behavior: prints as [redacted] everywhere but reveal()', () => {
    const secret = new Secret('0xdeadbeef')
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}')
    expect(`${secret}`).toBe('[redacted]')
    expect(inspect({ secret })).not.toContain('deadbeef')
    expect(secret.reveal()).toBe('0xdeadbeef')
  })
})
