/**
 * The model sizes the generator knows, as llama hyper-parameters. A shape is part of a model's identity:
 * never change an existing entry (add a new size instead), or every published hash of that size breaks.
 */

/** Llama hyper-parameters of a generated model. */
export type ModelShape = {
  layers: number
  embeddingLength: number
  heads: number
  kvHeads: number
  feedForwardLength: number
  vocabularySize: number
  contextLength: number
}

/** The sizes `generateModel` accepts. */
export const modelShapes = {
  tiny: {
    layers: 2,
    embeddingLength: 128,
    heads: 4,
    kvHeads: 4,
    feedForwardLength: 352,
    vocabularySize: 512,
    contextLength: 2048,
  },
  small: {
    layers: 4,
    embeddingLength: 256,
    heads: 8,
    kvHeads: 4,
    feedForwardLength: 704,
    vocabularySize: 4096,
    contextLength: 4096,
  },
  mid: {
    layers: 8,
    embeddingLength: 512,
    heads: 8,
    kvHeads: 4,
    feedForwardLength: 1408,
    vocabularySize: 8192,
    contextLength: 4096,
  },
  large: {
    layers: 12,
    embeddingLength: 768,
    heads: 12,
    kvHeads: 4,
    feedForwardLength: 2048,
    vocabularySize: 16384,
    contextLength: 4096,
  },
} as const satisfies Record<string, ModelShape>

/** A size name: `tiny` (~0.5 M parameters), `small` (~5 M), `mid` (~32 M), `large` (~100 M). */
export type ModelSize = keyof typeof modelShapes

/**
 * The number of weights in a model of this shape (norms included).
 *
 * @param shape - llama hyper-parameters.
 * @returns the parameter count.
 * @example
 * countParameters(modelShapes.tiny) // 533_120
 */
export function countParameters(shape: ModelShape): number {
  const d = shape.embeddingLength
  const kv = (d / shape.heads) * shape.kvHeads
  const perLayer = 2 * d * d + 2 * d * kv + 3 * d * shape.feedForwardLength + 2 * d
  return shape.layers * perLayer + 2 * shape.vocabularySize * d + d
}
