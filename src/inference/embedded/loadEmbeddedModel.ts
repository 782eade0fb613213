import type { Llama, LlamaContext, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp'
import { ModelLoadError } from '../errors.ts'
import { createSequencePool, type SequencePool } from './createSequencePool.ts'
import { getSharedLlama } from './getSharedLlama.ts'

/** A loaded model with one context of N sequences, shared through a pool. */
export type LoadedModel = {
  model: LlamaModel
  context: LlamaContext
  pool: SequencePool<LlamaContextSequence>
}

/** How to load a model and size its context. */
export type LoadEmbeddedModelParameters = {
  modelPath: string
  /** Requests decoded in parallel (sequences of one llama.cpp context). Default 2. */
  parallelSequences?: number
  /** Requests allowed to wait for a sequence before `INFERENCE_BACKEND_BUSY`. Default 64. */
  maxQueuedRequests?: number
  /** Tokens per sequence (prompt + output). Default min(2048, the model's training context). */
  contextSize?: number
  /** CPU threads; default 1, because ggml's spinning barriers collapse when a core is shared. */
  threads?: number
  /** `false` (CPU, default) or `'auto'` (a prebuilt GPU binary if one loads; never downloads or builds). */
  gpu?: false | 'auto'
  /** An existing llama.cpp runtime; default the shared one for `gpu`. */
  llama?: Llama
}

/**
 * Loads a GGUF with llama.cpp and creates one context with `parallelSequences` sequences.
 *
 * @param parameters - path and tuning options.
 * @returns the model, its context and the sequence pool.
 * @throws {ModelLoadError} when the runtime, the model or the context cannot be created.
 * @example
 * const { model, context, pool } = await loadEmbeddedModel({ modelPath: 'tiny.gguf' })
 */
export async function loadEmbeddedModel(parameters: LoadEmbeddedModelParameters): Promise<LoadedModel> {
  const { modelPath } = parameters
  const parallel = parameters.parallelSequences ?? 2
  let model: LlamaModel | undefined
  try {
    const llama = parameters.llama ?? (await getSharedLlama(parameters.gpu ?? false))
    model = await llama.loadModel({ modelPath, gpuLayers: parameters.gpu === 'auto' ? 'auto' : 0 })
    const context = await model.createContext({
      sequences: parallel,
      contextSize: parameters.contextSize ?? Math.min(2048, model.trainContextSize),
      threads: parameters.threads ?? 1,
    })
    const sequences = Array.from({ length: parallel }, () => context.getSequence())
    return { model, context, pool: createSequencePool(sequences, parameters.maxQueuedRequests ?? 64) }
  } catch (error) {
    await model?.dispose()
    throw new ModelLoadError({ path: modelPath, cause: error })
  }
}

/**
 * Tokenises text the way prompts are evaluated: BOS first when the model asks for it.
 *
 * @param model - the loaded model.
 * @param text - the text.
 * @param options.addBos - override whether BOS is prepended.
 * @returns the tokens.
 * @example
 * tokenizePrompt(model, 'user: hi\nassistant:')
 */
export function tokenizePrompt(model: LlamaModel, text: string, options?: { addBos?: boolean }): Token[] {
  const tokens = model.tokenize(text)
  const bos = model.tokens.bos
  const addBos = options?.addBos ?? model.tokens.shouldPrependBosToken
  return addBos && bos !== null ? [bos, ...tokens] : tokens
}
