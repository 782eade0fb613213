/**
 * Byte helpers shared by the protocol: hex codecs, fixed-width big-endian integers, concatenation and
 * comparison. Built on Node's Buffer for speed (hashing paths call these per relay).
 */

/** A `0x`-prefixed hex string. */
export type Hex = `0x${string}`

const HEX_RE = /^0x(?:[0-9a-fA-F]{2})*$/

/** Whether a string is even-length `0x` hex. */
export function isHex(value: unknown): value is Hex {
  return typeof value === 'string' && HEX_RE.test(value)
}

/** Hex → bytes; throws TypeError on malformed input (callers wrap it in a typed error at their edge). */
export function hexToBytes(hex: Hex): Uint8Array {
  if (!isHex(hex)) throw new TypeError(`not 0x-prefixed even-length hex: ${String(hex).slice(0, 20)}`)
  return new Uint8Array(Buffer.from(hex.slice(2), 'hex'))
}

/** Bytes → lower-case `0x` hex. */
export function bytesToHex(bytes: Uint8Array): Hex {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`
}

/** Concatenates byte arrays into a new one. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0
  for (const part of parts) length += part.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** Lexicographic (= big-endian numeric for equal lengths) comparison: −1, 0 or 1. */
export function compareBytes(a: Uint8Array, b: Uint8Array): -1 | 0 | 1 {
  return Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  ) as -1 | 0 | 1
}

/** Byte-wise equality. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0
}

/** An unsigned integer as `width` big-endian bytes; throws RangeError if it does not fit. */
export function bigintToBytes(value: bigint, width: number): Uint8Array {
  if (value < 0n || value >> BigInt(width * 8) !== 0n)
    throw new RangeError(`${value} does not fit in ${width} bytes`)
  const out = new Uint8Array(width)
  let v = value
  for (let i = width - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}

/** Big-endian bytes → unsigned bigint. */
export function bytesToBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n
  return BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`)
}

/** A uint64 as 8 big-endian bytes. */
export function uint64ToBytes(value: bigint): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, value)
  return out
}

/** 8 big-endian bytes at `offset` → uint64. */
export function bytesToUint64(bytes: Uint8Array, offset = 0): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offset)
}
