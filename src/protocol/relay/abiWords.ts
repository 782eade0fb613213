import type { Hex } from '../bytes/bytes.ts'
import {
  DecodeFailedError,
  IntegerOutOfRangeError,
  InvalidFieldError,
  InvalidHexError,
  InvalidSignatureLengthError,
  NonCanonicalEncodingError,
} from './errors.ts'

/**
 * Fixed-layout ABI word helpers shared by the relay and session-header codecs and the EIP-712 struct
 * encoders. They write straight into a Buffer and validate as they go, because the relay path encodes
 * and decodes every relay and viem's generic coder is 20–40× slower for this one layout.
 */

const MAX_UINT64 = 2n ** 64n - 1n
const SIGNATURE_BYTES = 65

/** Byte length rounded up to whole 32-byte words. */
export function padTo32(length: number): number {
  return Math.ceil(length / 32) * 32
}

/** A Buffer view over the same memory (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** A Uint8Array view over the same memory, so callers never depend on Buffer's semantics. */
export function asUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

function isHexPrefixed(value: unknown): value is string {
  return typeof value === 'string' && value.charCodeAt(0) === 48 && value.charCodeAt(1) === 120
}

/** Writes `byteLength` bytes of hex at `offset`; Buffer#write stops at the first bad digit, which we detect. */
export function writeHex(
  out: Buffer,
  offset: number,
  value: unknown,
  byteLength: number,
  field: string,
): void {
  if (!isHexPrefixed(value)) throw new InvalidHexError({ field, expectedBytes: byteLength })
  if (value.length !== 2 + 2 * byteLength) {
    if (byteLength === SIGNATURE_BYTES && value.length % 2 === 0)
      throw new InvalidSignatureLengthError({ field, length: (value.length - 2) / 2 })
    throw new InvalidFieldError({ field, reason: `must be ${byteLength} bytes of hex` })
  }
  if (out.write(value.slice(2), offset, byteLength, 'hex') !== byteLength)
    throw new InvalidHexError({ field, expectedBytes: byteLength })
}

/** An address, left-padded to a word. */
export function writeAddressWord(out: Buffer, offset: number, value: unknown, field: string): void {
  writeHex(out, offset + 12, value, 20, field)
}

/** A uint16/uint32 (JS number), right-aligned in a word. */
export function writeSmallUintWord(
  out: Buffer,
  offset: number,
  value: unknown,
  bits: 16 | 32,
  field: string,
) {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) >= 2 ** bits)
    throw new IntegerOutOfRangeError({ field, type: `uint${bits}`, value })
  out.writeUInt32BE(value as number, offset + 28)
}

/** A uint64 (bigint), right-aligned in a word. */
export function writeUint64Word(out: Buffer, offset: number, value: unknown, field: string): void {
  if (typeof value !== 'bigint' || value < 0n || value > MAX_UINT64)
    throw new IntegerOutOfRangeError({ field, type: 'uint64', value })
  out.writeBigUInt64BE(value, offset + 24)
}

/** A small length or offset, right-aligned in a word. */
export function writeLengthWord(out: Buffer, offset: number, value: number): void {
  out.writeUInt32BE(value, offset + 28)
}

function isZero(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0) return false
  return true
}

/** Throws unless `[start, end)` lies inside the buffer. */
export function requireBytes(buf: Buffer, end: number, type: string): void {
  if (end > buf.length) throw new DecodeFailedError({ type, reason: `truncated at ${buf.length} bytes` })
}

/** Reads a length or offset word; throws if it does not fit in 32 bits (no real relay is that long). */
export function readLengthWord(buf: Buffer, offset: number, type: string): number {
  if (!isZero(buf, offset, offset + 28))
    throw new DecodeFailedError({ type, reason: 'length or offset too large' })
  return buf.readUInt32BE(offset + 28)
}

/** Requires an offset or length word to hold exactly the canonical value. */
export function expectWord(buf: Buffer, offset: number, expected: number, type: string, what: string): void {
  const actual = readLengthWord(buf, offset, type)
  if (actual !== expected)
    throw new NonCanonicalEncodingError({ type, reason: `${what} is ${actual}, expected ${expected}` })
}

/** Requires zero padding in `[start, end)`. */
export function expectZeroPadding(buf: Buffer, start: number, end: number, type: string, what: string): void {
  if (!isZero(buf, start, end))
    throw new NonCanonicalEncodingError({ type, reason: `non-zero padding in ${what}` })
}

/** Reads `[start, end)` as lower-case hex. */
export function readHex(buf: Buffer, start: number, end: number): Hex {
  return `0x${buf.toString('hex', start, end)}`
}

/** Reads an address word; dirty high bytes are not an address (Solidity's decoder reverts on them too). */
export function readAddressWord(buf: Buffer, offset: number, type: string, field: string): Hex {
  if (!isZero(buf, offset, offset + 12))
    throw new DecodeFailedError({ type, reason: `${field} has non-zero high bytes` })
  return readHex(buf, offset + 12, offset + 32)
}

/** Reads a uint16/uint32 word as a number. */
export function readSmallUintWord(buf: Buffer, offset: number, bits: 16 | 32, field: string): number {
  const value = buf.readUInt32BE(offset + 28)
  if (!isZero(buf, offset, offset + 28) || value >= 2 ** bits)
    throw new IntegerOutOfRangeError({ field, type: `uint${bits}`, value: readHex(buf, offset, offset + 32) })
  return value
}

/** Reads a uint64 word as a bigint. */
export function readUint64Word(buf: Buffer, offset: number, field: string): bigint {
  if (!isZero(buf, offset, offset + 24))
    throw new IntegerOutOfRangeError({ field, type: 'uint64', value: readHex(buf, offset, offset + 32) })
  return buf.readBigUInt64BE(offset + 24)
}

/** Reads a `bytes` value that must hold a 65-byte signature: length word, 65 bytes, 31 bytes of zero padding. */
export function readSignature(buf: Buffer, offset: number, type: string, field: string): Hex {
  requireBytes(buf, offset + 32, type)
  const length = readLengthWord(buf, offset, type)
  if (length !== SIGNATURE_BYTES) throw new InvalidSignatureLengthError({ field, length })
  requireBytes(buf, offset + 128, type)
  expectZeroPadding(buf, offset + 32 + SIGNATURE_BYTES, offset + 128, type, field)
  return readHex(buf, offset + 32, offset + 32 + SIGNATURE_BYTES)
}
