import { describe, expect, it } from 'vitest'
import {
  bigintToBytes,
  bytesToBigint,
  bytesToHex,
  bytesToUint64,
  compareBytes,
  concatBytes,
  hexToBytes,
  uint64ToBytes,
} from './bytes.ts'
import { sha256 } from './sha256.ts'

describe('bytes', () => {
  it('behavior: hex round-trips', () => {
    expect(bytesToHex(hexToBytes('0x00ff10'))).toBe('0x00ff10')
    expect(hexToBytes('0x')).toHaveLength(0)
  })
  it('error: malformed hex is rejected', () => {
    expect(() => hexToBytes('0x0' as '0x')).toThrow(TypeError)
    expect(() => hexToBytes('zz' as '0x')).toThrow(TypeError)
  })
  it('behavior: big-endian integers', () => {
    expect(bytesToHex(uint64ToBytes(258n))).toBe('0x0000000000000102')
    expect(bytesToUint64(uint64ToBytes(2n ** 64n - 1n))).toBe(2n ** 64n - 1n)
    expect(bytesToBigint(bigintToBytes(2n ** 255n, 32))).toBe(2n ** 255n)
    expect(() => bigintToBytes(256n, 1)).toThrow(RangeError)
  })
  it('behavior: compare is big-endian numeric', () => {
    expect(compareBytes(hexToBytes('0x00ff'), hexToBytes('0x0100'))).toBe(-1)
    expect(compareBytes(hexToBytes('0x0100'), hexToBytes('0x0100'))).toBe(0)
    expect(concatBytes(hexToBytes('0x01'), hexToBytes('0x0203'))).toEqual(hexToBytes('0x010203'))
  })
  it('behavior: sha256 matches the FIPS 180-4 "abc" vector, also over split input', () => {
    const abc = new TextEncoder().encode('abc')
    const expected = '0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    expect(bytesToHex(sha256(abc))).toBe(expected)
    expect(bytesToHex(sha256(abc.subarray(0, 1), abc.subarray(1)))).toBe(expected)
  })
})
