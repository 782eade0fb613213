import type { GgufValue } from './encodeGgufHeader.ts'
import type { ModelShape, ModelSize } from './modelShapes.ts'
import { fileTypes, type ModelDtype } from './tensorPlan.ts'
import { specialTokenIds, type Vocabulary } from './vocabulary.ts'

/**
 * The generator's version, written into every file. Bump it whenever a change alters the bytes of any
 * generated model, so two files with the same seed and a different version are never confused.
 */
export const generatorVersion = 'decai-gguf/1'

/** What identifies a generated model besides its weights. */
export type ModelIdentity = { seed: number; size: ModelSize; dtype: ModelDtype; eosBias: number }

/**
 * The GGUF metadata of a generated llama model: llama.cpp's `general.*`, `llama.*` and `tokenizer.ggml.*`
 * keys, plus `decai.*` keys recording how the file was generated (llama.cpp ignores unknown keys).
 *
 * @param shape - llama hyper-parameters.
 * @param vocabulary - the SentencePiece-style vocabulary.
 * @param identity - seed, size name, dtype and EOS bias.
 * @returns ordered key–value pairs.
 * @example
 * buildMetadata(modelShapes.tiny, buildVocabulary(512), { seed: 1, size: 'tiny', dtype: 'f16', eosBias: -30 })
 */
export function buildMetadata(
  shape: ModelShape,
  vocabulary: Vocabulary,
  identity: ModelIdentity,
): Array<[string, GgufValue]> {
  const u32 = (value: number): GgufValue => ({ type: 'u32', value })
  const str = (value: string): GgufValue => ({ type: 'string', value })
  return [
    ['general.architecture', str('llama')],
    ['general.name', str(`decai-${identity.size}-s${identity.seed}-${identity.dtype}`)],
    ['general.file_type', u32(fileTypes[identity.dtype])],
    ['general.quantization_version', u32(2)],
    ['general.alignment', u32(32)],
    ['llama.context_length', u32(shape.contextLength)],
    ['llama.embedding_length', u32(shape.embeddingLength)],
    ['llama.block_count', u32(shape.layers)],
    ['llama.feed_forward_length', u32(shape.feedForwardLength)],
    ['llama.rope.dimension_count', u32(shape.embeddingLength / shape.heads)],
    ['llama.attention.head_count', u32(shape.heads)],
    ['llama.attention.head_count_kv', u32(shape.kvHeads)],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.rope.freq_base', { type: 'f32', value: 10000 }],
    ['llama.vocab_size', u32(vocabulary.tokens.length)],
    ['tokenizer.ggml.model', str('llama')],
    ['tokenizer.ggml.tokens', { type: 'stringArray', value: vocabulary.tokens }],
    ['tokenizer.ggml.scores', { type: 'f32Array', value: vocabulary.scores }],
    ['tokenizer.ggml.token_type', { type: 'i32Array', value: vocabulary.types }],
    ['tokenizer.ggml.bos_token_id', u32(specialTokenIds.bos)],
    ['tokenizer.ggml.eos_token_id', u32(specialTokenIds.eos)],
    ['tokenizer.ggml.unknown_token_id', u32(specialTokenIds.unknown)],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
    ['decai.generator', str(generatorVersion)],
    ['decai.seed', { type: 'u64', value: BigInt(identity.seed) }],
    ['decai.size', str(identity.size)],
    ['decai.eos_bias', { type: 'i32', value: identity.eosBias }],
  ]
}
