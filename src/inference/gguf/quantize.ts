/**
 * Block quantisers with the semantics of ggml's reference C quantisers (`quantize_row_q8_0_ref`,
 * `quantize_row_q4_0_ref`). Every step is a binary32 operation in C; here each one is a double
 * operation followed by `Math.fround`, which gives the identical binary32 result for +, −, ×, ÷
 * (a double carries more than 2·24+2 bits, so the double rounding is innocuous).
 */
import { toFloat16Bits } from './float16.ts'

/** Weights per block in Q8_0 and Q4_0. */
export const quantBlockSize = 32
/** Bytes per Q8_0 block: f16 scale + 32 × int8. */
export const q8_0BlockBytes = 34
/** Bytes per Q4_0 block: f16 scale + 16 bytes holding 32 nibbles. */
export const q4_0BlockBytes = 18

const fround = Math.fround

// C's roundf: halves away from zero (Math.round sends −2.5 to −2). |x| + 0.5 is exact for |x| < 2^52.
function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5)
}

/**
 * Quantises `values` (length a multiple of 32) to Q8_0 blocks, writing them into `out` at `offset`.
 *
 * @param values - binary32 weights.
 * @param out - destination bytes.
 * @param offset - byte offset of the first block.
 * @returns the byte offset after the last block.
 * @example
 * quantizeQ8_0(new Float32Array(32), new Uint8Array(34), 0) // 34
 */
export function quantizeQ8_0(values: Float32Array, out: Uint8Array, offset: number): number {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  let at = offset
  for (let start = 0; start < values.length; start += quantBlockSize) {
    let amax = 0
    for (let j = 0; j < quantBlockSize; j++) amax = Math.max(amax, Math.abs(values[start + j]!))
    const d = fround(amax / 127)
    const id = d === 0 ? 0 : fround(1 / d)
    view.setUint16(at, toFloat16Bits(d), true)
    for (let j = 0; j < quantBlockSize; j++) {
      view.setInt8(at + 2 + j, roundHalfAwayFromZero(fround(values[start + j]! * id)))
    }
    at += q8_0BlockBytes
  }
  return at
}

/**
 * Quantises `values` (length a multiple of 32) to Q4_0 blocks: the scale is the signed value of largest
 * magnitude divided by −8; weight j of the first half sits in the low nibble of byte j, weight j of the
 * second half in its high nibble, each stored as min(15, trunc(x/d + 8.5)).
 *
 * @param values - binary32 weights.
 * @param out - destination bytes.
 * @param offset - byte offset of the first block.
 * @returns the byte offset after the last block.
 * @example
 * quantizeQ4_0(new Float32Array(32), new Uint8Array(18), 0) // 18
 */
export function quantizeQ4_0(values: Float32Array, out: Uint8Array, offset: number): number {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  const half = quantBlockSize / 2
  let at = offset
  for (let start = 0; start < values.length; start += quantBlockSize) {
    let amax = 0
    let max = 0
    for (let j = 0; j < quantBlockSize; j++) {
      const v = values[start + j]!
      if (amax < Math.abs(v)) {
        amax = Math.abs(v)
        max = v
      }
    }
    const d = fround(max / -8)
    const id = d === 0 ? 0 : fround(1 / d)
    view.setUint16(at, toFloat16Bits(d), true)
    for (let j = 0; j < half; j++) {
      const low = nibble(fround(values[start + j]! * id))
      const high = nibble(fround(values[start + half + j]! * id))
      out[at + 2 + j] = low | (high << 4)
    }
    at += q4_0BlockBytes
  }
  return at
}

// (int8_t)(x + 8.5f) truncates toward zero; x·id lies in [−8, 8], so the sum is in [0.5, 16.5].
function nibble(x: number): number {
  return Math.min(15, Math.trunc(fround(x + 8.5)))
}
