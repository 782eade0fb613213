import { toFloat16Bits } from './float16.ts'
import { quantizeQ4_0, quantizeQ8_0 } from './quantize.ts'
import { type ModelDtype, rowByteLength } from './tensorPlan.ts'

/**
 * Encodes whole rows of weights in a storage type, little-endian, as ggml lays them out.
 *
 * @param values - binary32 weights, a whole number of rows of `rowLength`.
 * @param type - storage type.
 * @param rowLength - weights per row (a multiple of 32 for Q8_0/Q4_0: blocks never straddle rows).
 * @returns the encoded bytes.
 * @example
 * encodeWeights(new Float32Array([1, 2]), 'f16', 2) // Uint8Array [0x00, 0x3c, 0x00, 0x40]
 */
export function encodeWeights(values: Float32Array, type: ModelDtype, rowLength: number): Uint8Array {
  const out = new Uint8Array(rowByteLength(type, rowLength) * (values.length / rowLength))
  if (type === 'f32') {
    const view = new DataView(out.buffer)
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true)
  } else if (type === 'f16') {
    const view = new DataView(out.buffer)
    for (let i = 0; i < values.length; i++) view.setUint16(i * 2, toFloat16Bits(values[i]!), true)
  } else if (type === 'q8_0') {
    quantizeQ8_0(values, out, 0)
  } else {
    quantizeQ4_0(values, out, 0)
  }
  return out
}
