/**
 * Which tensors a generated llama model holds, in file order, with their shapes and storage types.
 * Norm vectors stay F32 (as llama.cpp's own converters keep them); for Q4_0 the output projection is
 * stored as Q8_0, the way llama.cpp's quantiser keeps that one tensor at higher precision.
 */
import type { ModelShape } from './modelShapes.ts'
import { q4_0BlockBytes, q8_0BlockBytes, quantBlockSize } from './quantize.ts'

/** Storage types the generator writes, with their ggml type ids. */
export const ggmlTypes = { f32: 0, f16: 1, q4_0: 2, q8_0: 8 } as const

/** A weight storage type: the `--dtype` of a generated model. */
export type ModelDtype = keyof typeof ggmlTypes

/** `general.file_type` (llama.cpp's `llama_ftype`) for each dtype. */
export const fileTypes: Record<ModelDtype, number> = { f32: 0, f16: 1, q4_0: 2, q8_0: 7 }

/** How a tensor's weights are drawn; see `createWeightStream`. */
export type TensorRole = 'embedding' | 'norm' | 'matrix' | 'residualOut' | 'output'

/** One tensor of the file: ggml dims are [rowLength, rows]; vectors have rows = 1. */
export type TensorPlan = {
  name: string
  rowLength: number
  rows: number
  dims: number[]
  type: ModelDtype
  role: TensorRole
}

/**
 * The tensors of a model of `shape` stored as `dtype`, in the order they are written.
 *
 * @param shape - llama hyper-parameters.
 * @param dtype - storage type of the weight matrices.
 * @returns the tensor plans.
 * @example
 * planTensors(modelShapes.tiny, 'f16')[0].name // 'token_embd.weight'
 */
export function planTensors(shape: ModelShape, dtype: ModelDtype): TensorPlan[] {
  const d = shape.embeddingLength
  const kv = (d / shape.heads) * shape.kvHeads
  const ff = shape.feedForwardLength
  const matrix = (
    name: string,
    rowLength: number,
    rows: number,
    role: TensorRole = 'matrix',
  ): TensorPlan => ({
    name,
    rowLength,
    rows,
    dims: [rowLength, rows],
    type: dtype,
    role,
  })
  const norm = (name: string): TensorPlan => ({
    name,
    rowLength: d,
    rows: 1,
    dims: [d],
    type: 'f32',
    role: 'norm',
  })
  const plans = [
    matrix('token_embd.weight', d, shape.vocabularySize, 'embedding'),
    norm('output_norm.weight'),
    {
      ...matrix('output.weight', d, shape.vocabularySize, 'output'),
      type: dtype === 'q4_0' ? 'q8_0' : dtype,
    },
  ] satisfies TensorPlan[]
  for (let layer = 0; layer < shape.layers; layer++) {
    const blk = `blk.${layer}`
    plans.push(
      norm(`${blk}.attn_norm.weight`),
      matrix(`${blk}.attn_q.weight`, d, d),
      matrix(`${blk}.attn_k.weight`, d, kv),
      matrix(`${blk}.attn_v.weight`, d, kv),
      matrix(`${blk}.attn_output.weight`, d, d, 'residualOut'),
      norm(`${blk}.ffn_norm.weight`),
      matrix(`${blk}.ffn_gate.weight`, d, ff),
      matrix(`${blk}.ffn_up.weight`, d, ff),
      matrix(`${blk}.ffn_down.weight`, ff, d, 'residualOut'),
    )
  }
  return plans
}

/**
 * Bytes a row of `rowLength` weights takes in `type`.
 *
 * @param type - storage type.
 * @param rowLength - weights per row (a multiple of 32 for the block types).
 * @returns the byte length.
 * @example
 * rowByteLength('q8_0', 128) // 136
 */
export function rowByteLength(type: ModelDtype, rowLength: number): number {
  if (type === 'f32') return rowLength * 4
  if (type === 'f16') return rowLength * 2
  const blocks = rowLength / quantBlockSize
  return blocks * (type === 'q8_0' ? q8_0BlockBytes : q4_0BlockBytes)
}
