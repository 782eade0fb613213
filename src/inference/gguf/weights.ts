/**
 * The weights of a generated model. Each weight is k · 2^−E with k a uniform integer in [−1023, 1023]
 * drawn from the tensor's own integer PRNG stream and E fixed per tensor, so every weight is exactly
 * representable in binary16: the F32 and F16 files hold the very same numbers, and Q8_0/Q4_0 are
 * quantisations of them. No transcendental function is involved, so the bytes are the same everywhere.
 *
 * The "bias trick": residual channel 0 is held at a constant 1 (embedding column 0 is 1; row 0 of every
 * projection that writes into the residual stream is 0), so after the final norm it is a positive
 * constant and column 0 of `output.weight` acts as a per-token logit bias (see `computeLogitBiases`).
 */
import { createStreamRng } from './prng.ts'
import type { TensorPlan } from './tensorPlan.ts'

const maxMagnitude = 1023
const span = 2 * maxMagnitude + 1

/** Reads a tensor's weights in row order, a chunk of rows at a time. */
export type WeightStream = { readRows(count: number): Float32Array }

/**
 * The smallest E with 1023 · 2^−E ≤ √(3 / fanIn): uniform weights with (at most) the variance 1/fanIn,
 * found with integer arithmetic only (1023² · fanIn ≤ 3 · 4^E).
 *
 * @param fanIn - inputs per output (1 for embeddings, which then lie in (−1, 1)).
 * @returns the exponent E.
 * @example
 * computeScaleExponent(128) // 13
 */
export function computeScaleExponent(fanIn: number): number {
  let exponent = 0
  while (maxMagnitude * maxMagnitude * fanIn > 3 * 4 ** exponent) exponent++
  return exponent
}

/**
 * A stream over the weights of one tensor of the model with this `seed`.
 *
 * @param parameters.seed - the model seed.
 * @param parameters.tensor - the tensor's plan.
 * @param parameters.logitBiases - per-token bias, written into column 0 of `output.weight`.
 * @returns the stream.
 * @example
 * createWeightStream({ seed: 1, tensor, logitBiases }).readRows(4)
 */
export function createWeightStream(parameters: {
  seed: number
  tensor: TensorPlan
  logitBiases: readonly number[]
}): WeightStream {
  const { seed, tensor, logitBiases } = parameters
  if (tensor.role === 'norm')
    return { readRows: (count) => new Float32Array(count * tensor.rowLength).fill(1) }
  const rng = createStreamRng(seed, tensor.name)
  const scale = 2 ** -computeScaleExponent(tensor.role === 'embedding' ? 1 : tensor.rowLength)
  let nextRow = 0
  return {
    readRows(count) {
      const values = new Float32Array(count * tensor.rowLength)
      // The top 22 bits keep the modulo in small-integer arithmetic (bias < 1/2000 of a step).
      for (let i = 0; i < values.length; i++) values[i] = (((rng() >>> 10) % span) - maxMagnitude) * scale
      applyBiasTrick(tensor, values, nextRow, logitBiases)
      nextRow += count
      return values
    },
  }
}

// Overwrite after drawing, so the PRNG stream (and every other weight) does not depend on the trick.
function applyBiasTrick(
  tensor: TensorPlan,
  values: Float32Array,
  firstRow: number,
  biases: readonly number[],
) {
  const rows = values.length / tensor.rowLength
  for (let r = 0; r < rows; r++) {
    const at = r * tensor.rowLength
    if (tensor.role === 'embedding') values[at] = 1
    if (tensor.role === 'output') values[at] = biases[firstRow + r] ?? 0
    if (tensor.role === 'residualOut' && firstRow + r === 0) values.fill(0, at, at + tensor.rowLength)
  }
}
