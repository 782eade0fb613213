import { describe, expect, it } from 'vitest'
import { computeCrc32c } from './crc32c.ts'

/** Bit-at-a-time CRC-32C, the definition the sliced version must agree with. */
function referenceCrc32c(bytes: Uint8Array): number {
  let crc = ~0
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1
  }
  return ~crc >>> 0
}

describe('computeCrc32c', () => {
  it('default: matches the published check value and RFC 3720 vectors', () => {
    expect(computeCrc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283)
    expect(computeCrc32c(new Uint8Array(32))).toBe(0x8a9136aa)
    expect(computeCrc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43)
    expect(computeCrc32c(new Uint8Array(0))).toBe(0)
  })

  it('behavior: agrees with the bit-at-a-time definition at every length and offset', () => {
    const data = new Uint8Array(300).map((_, i) => (i * 131 + 7) & 0xff)
    for (let start = 0; start < 9; start++) {
      for (let end = start; end <= data.length; end += 17) {
        const slice = data.subarray(start, end)
        expect(computeCrc32c(slice)).toBe(referenceCrc32c(slice))
        expect(computeCrc32c(data, start, end)).toBe(referenceCrc32c(slice))
      }
    }
  })
})
