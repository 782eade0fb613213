import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { Llama, LlamaContext, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp'
import type { InferenceBackend, InferenceCallOptions } from '../backend.ts'
import { BackendClosedError, ModelLoadError, UnsupportedOperationError } from '../errors.ts'
import { createRequestResolver } from './createRequestResolver.ts'
import { createSequencePool, type SequencePool } from './createSequencePool.ts'
import { createTokenLogprobs, type TokenLogprobBuilder } from './createTokenLogprobs.ts'
import { type GenerationParameters, generateTokens } from './generateTokens.ts'
import { getSharedLlama } from './getSharedLlama.ts'
import { renderChatPrompt } from './renderChatPrompt.ts'
import { collectChatCompletion, type ResponseMeta, streamChatChunks } from './shapeChatCompletion.ts'
import { collectCompletion, streamCompletionChunks } from './shapeCompletion.ts'
import { verifyModelFile } from './verifyModelFile.ts'

export type CreateEmbeddedBackendParameters = {
  modelPath: string
  /** The sha256 the service registered (hex); the file is refused unless it matches. */
  expectedSha256: string
  /** The `model` field of responses. Default: the file name. */
  modelName?: string
  /** Requests decoded in parallel (sequences of one llama.cpp context). Default 2. */
  parallelSequences?: number
  /** Requests allowed to wait for a sequence before `INFERENCE_BACKEND_BUSY`. Default 64. */
  maxQueuedRequests?: number
  /** Tokens per sequence (prompt + output). Default min(2048, the model's training context). */
  contextSize?: number
  /** CPU threads; default 1, because ggml's spinning barriers collapse when a core is shared. */
  threads?: number
  /** `max_tokens` when a request gives none. Default 256. */
  defaultMaxTokens?: number
  /** `false` (CPU, default) or `'auto'` (a prebuilt GPU binary if one loads; never downloads or builds). */
  gpu?: false | 'auto'
  /** An existing llama.cpp runtime; default the shared one for `gpu`. */
  llama?: Llama
}

/** The embedded backend plus what a verifier or a meter needs to reproduce its token counts. */
export type EmbeddedBackend = InferenceBackend & {
  readonly kind: 'embedded'
  readonly modelName: string
  readonly sha256: string
  /** Tokens per sequence. */
  readonly contextSize: number
  /** Tokenises like a prompt is tokenised (BOS first when the model wants it). */
  tokenize(text: string, options?: { addBos?: boolean }): Token[]
  /** The exact prompt text a chat request is evaluated as. */
  renderChatPrompt: typeof renderChatPrompt
}

type Loaded = { model: LlamaModel; context: LlamaContext; pool: SequencePool<LlamaContextSequence> }

/**
 * Verifies a GGUF's sha256, loads it with llama.cpp and serves OpenAI-style chat and legacy completions
 * (streaming or not, with logprobs) on `parallelSequences` sequences of one context.
 *
 * @param parameters - model path, expected sha256, and tuning options.
 * @returns the backend; `close()` frees the model.
 * @throws {ModelHashMismatchError} when the file is not the registered artifact.
 * @throws {ModelLoadError} when llama.cpp cannot load it.
 * @example
 * const backend = await createEmbeddedBackend({ modelPath: 'tiny.gguf', expectedSha256 })
 * const answer = await backend.chatCompletion({ messages: [{ role: 'user', content: 'hi' }], temperature: 0 })
 */
export async function createEmbeddedBackend(
  parameters: CreateEmbeddedBackendParameters,
): Promise<EmbeddedBackend> {
  const sha256 = await verifyModelFile(parameters.modelPath, parameters.expectedSha256)
  const loaded = await loadModel(parameters)
  const logprobs = createTokenLogprobs(loaded.model)
  const modelName = parameters.modelName ?? basename(parameters.modelPath)
  let isClosed = false
  const tokenize = (text: string, options?: { addBos?: boolean }) =>
    tokenizePrompt(loaded.model, text, options)
  const meta = (prefix: string, hasLogprobs: boolean): ResponseMeta => ({
    id: `${prefix}-${randomUUID().replaceAll('-', '')}`,
    created: Math.floor(Date.now() / 1000),
    model: modelName,
    systemFingerprint: `fp_${sha256.slice(0, 12)}`,
    hasLogprobs,
  })
  const run = (parameters: Omit<GenerationParameters, 'signal'>, options?: InferenceCallOptions) => {
    if (isClosed) throw new BackendClosedError()
    return runOnPool(
      loaded.pool,
      { model: loaded.model, logprobs },
      { ...parameters, signal: options?.signal },
    )
  }
  const resolve = createRequestResolver({
    tokenize,
    contextSize: loaded.context.contextSize,
    defaultMaxTokens: parameters.defaultMaxTokens ?? 256,
  })
  return {
    kind: 'embedded',
    modelName,
    sha256,
    contextSize: loaded.context.contextSize,
    tokenize,
    renderChatPrompt,
    async chatCompletion(body, options) {
      const { generation, hasLogprobs } = resolve.chat(body)
      return collectChatCompletion(run(generation, options), meta('chatcmpl', hasLogprobs))
    },
    async *streamChatCompletion(body, options) {
      const { generation, hasLogprobs } = resolve.chat(body)
      yield* streamChatChunks(run(generation, options), meta('chatcmpl', hasLogprobs))
    },
    async completion(body, options) {
      const { generation, hasLogprobs } = resolve.text(body)
      return collectCompletion(run(generation, options), meta('cmpl', hasLogprobs))
    },
    async *streamCompletion(body, options) {
      const { generation, hasLogprobs } = resolve.text(body)
      yield* streamCompletionChunks(run(generation, options), meta('cmpl', hasLogprobs))
    },
    async embeddings() {
      throw new UnsupportedOperationError({ operation: 'embeddings', backend: 'embedded' })
    },
    async close() {
      if (isClosed) return
      isClosed = true
      loaded.pool.close()
      await loaded.context.dispose()
      await loaded.model.dispose()
    },
  }
}

async function loadModel(parameters: CreateEmbeddedBackendParameters): Promise<Loaded> {
  const { modelPath } = parameters
  const parallel = parameters.parallelSequences ?? 2
  try {
    const llama = parameters.llama ?? (await getSharedLlama(parameters.gpu ?? false))
    const model = await llama.loadModel({ modelPath, gpuLayers: parameters.gpu === 'auto' ? 'auto' : 0 })
    const context = await model.createContext({
      sequences: parallel,
      contextSize: parameters.contextSize ?? Math.min(2048, model.trainContextSize),
      threads: parameters.threads ?? 1,
    })
    const sequences = Array.from({ length: parallel }, () => context.getSequence())
    return { model, context, pool: createSequencePool(sequences, parameters.maxQueuedRequests ?? 64) }
  } catch (error) {
    throw new ModelLoadError({ path: modelPath, cause: error })
  }
}

function tokenizePrompt(model: LlamaModel, text: string, options?: { addBos?: boolean }): Token[] {
  const tokens = model.tokenize(text)
  const bos = model.tokens.bos
  const addBos = options?.addBos ?? model.tokens.shouldPrependBosToken
  return addBos && bos !== null ? [bos, ...tokens] : tokens
}

async function* runOnPool(
  pool: SequencePool<LlamaContextSequence>,
  tools: { model: LlamaModel; logprobs: TokenLogprobBuilder },
  parameters: GenerationParameters,
) {
  const sequence = await pool.acquire(parameters.signal)
  try {
    return yield* generateTokens(sequence, tools, parameters)
  } finally {
    pool.release(sequence)
  }
}
