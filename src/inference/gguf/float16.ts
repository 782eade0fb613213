/**
 * IEEE 754 binary16 conversion, done on the binary32 bit pattern with integer operations so that it
 * rounds exactly like ggml's `GGML_FP32_TO_FP16` (round to nearest, ties to even, subnormals kept).
 */

const f32 = new Float32Array(1)
const u32 = new Uint32Array(f32.buffer)

/**
 * The binary16 bit pattern nearest to `value` (first rounded to binary32, as C does on a `float`).
 *
 * @param value - any number.
 * @returns the 16-bit pattern as an integer in [0, 0xffff].
 * @example
 * toFloat16Bits(1) // 0x3c00
 */
export function toFloat16Bits(value: number): number {
  f32[0] = value
  const x = u32[0]!
  const sign = (x >>> 16) & 0x8000
  const exponent = (x >>> 23) & 0xff
  const mantissa = x & 0x7fffff
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200)
  const halfExponent = exponent - 127 + 15
  if (halfExponent >= 0x1f) return sign | 0x7c00
  if (halfExponent <= 0) return sign | subnormalMantissa(mantissa | 0x800000, halfExponent)
  const half = sign | (halfExponent << 10) | (mantissa >>> 13)
  // A carry out of the mantissa correctly bumps the exponent (and overflows to infinity).
  return half + roundIncrement(mantissa, 13, half)
}

// value = m24 · 2^(e − 14 − 10) → the binary16 subnormal mantissa is m24 >> (14 − e), rounded.
function subnormalMantissa(mantissa24: number, halfExponent: number): number {
  const shift = 14 - halfExponent
  if (shift > 24) return 0
  const kept = mantissa24 >>> shift
  return kept + roundIncrement(mantissa24, shift, kept)
}

// Round to nearest, ties to even: +1 when the dropped bits exceed half, or equal half and `kept` is odd.
function roundIncrement(bits: number, dropped: number, kept: number): number {
  const halfway = 2 ** (dropped - 1)
  const remainder = bits % 2 ** dropped
  return remainder > halfway || (remainder === halfway && (kept & 1) === 1) ? 1 : 0
}

/**
 * The number a binary16 bit pattern encodes.
 *
 * @param bits - a 16-bit pattern.
 * @returns its value (exact in a double).
 * @example
 * fromFloat16Bits(0x3c00) // 1
 */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exponent = (bits >>> 10) & 0x1f
  const mantissa = bits & 0x3ff
  if (exponent === 0) return sign * mantissa * 2 ** -24
  if (exponent === 0x1f) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN
  return sign * (1024 + mantissa) * 2 ** (exponent - 25)
}
