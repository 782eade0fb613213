import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { Token } from 'node-llama-cpp'
import type { InferenceBackend, InferenceCallOptions } from '../backend.ts'
import { BackendClosedError, ContextOverflowError, UnsupportedOperationError } from '../errors.ts'
import type { ChatCompletionRequest, ChatMessage, CompletionRequest } from '../openai/requestSchemas.ts'
import { createGenerationRunner } from './createGenerationRunner.ts'
import { createRequestResolver, type ResolvedRequest } from './createRequestResolver.ts'
import { createTokenLogprobs } from './createTokenLogprobs.ts'
import { type LoadEmbeddedModelParameters, loadEmbeddedModel, tokenizePrompt } from './loadEmbeddedModel.ts'
import { renderChatPrompt } from './renderChatPrompt.ts'
import { type ScoreTokensReturnType, scoreTokens } from './scoreTokens.ts'
import { collectChatCompletion, type ResponseMeta, streamChatChunks } from './shapeChatCompletion.ts'
import { collectCompletion, streamCompletionChunks } from './shapeCompletion.ts'
import { verifyModelFile } from './verifyModelFile.ts'

/** Load options (see `LoadEmbeddedModelParameters`) plus what serving needs. */
export type CreateEmbeddedBackendParameters = LoadEmbeddedModelParameters & {
  /** The sha256 the service registered (hex); the file is refused unless it matches. */
  expectedSha256: string
  /** The `model` field of responses. Default: the file name. */
  modelName?: string
  /** `max_tokens` when a request gives none. Default 256. */
  defaultMaxTokens?: number
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
  /** Teacher-forced score of completion tokens after prompt tokens (the watcher's primitive). */
  scoreTokens(input: ScoreInput, options?: InferenceCallOptions): Promise<ScoreTokensReturnType>
  /** Scores a chat answer: prompt = chat template of `messages`; the answer is tokenised as generated. */
  scoreChatAnswer(
    input: { messages: ChatMessage[]; content: string; topLogprobs?: number },
    options?: InferenceCallOptions,
  ): Promise<ScoreTokensReturnType>
}

/** Token ids to score; `topLogprobs` alternatives per position (default 0). */
export type ScoreInput = { promptTokens: Token[]; completionTokens: Token[]; topLogprobs?: number }

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
  const { model, context, pool } = await loadEmbeddedModel(parameters)
  const logprobs = createTokenLogprobs(model)
  const runner = createGenerationRunner(pool, { model, logprobs })
  const modelName = parameters.modelName ?? basename(parameters.modelPath)
  const tokenize = (text: string, options?: { addBos?: boolean }) => tokenizePrompt(model, text, options)
  const resolver = createRequestResolver({
    tokenize,
    contextSize: context.contextSize,
    defaultMaxTokens: parameters.defaultMaxTokens ?? 256,
  })
  // Resolve (tokenise) only while open: after close() the model is disposed and would throw its own error.
  const guard = <T>(resolve: () => T): T => {
    if (runner.isClosed) throw new BackendClosedError()
    return resolve()
  }
  const start = (resolved: ResolvedRequest, prefix: string, signal?: AbortSignal) => ({
    steps: runner.run({ ...resolved.generation, signal }),
    meta: createMeta(prefix, modelName, sha256, resolved.hasLogprobs),
  })
  const score = (input: ScoreInput, options?: InferenceCallOptions) => {
    const total = input.promptTokens.length + input.completionTokens.length
    if (total > context.contextSize)
      throw new ContextOverflowError({ promptTokens: total, contextSize: context.contextSize })
    const scored = { ...input, topLogprobs: input.topLogprobs ?? 0 }
    return runner.withSequence((sequence) => scoreTokens(sequence, logprobs, scored), options?.signal)
  }
  const chat = (body: ChatCompletionRequest, signal?: AbortSignal) =>
    start(
      guard(() => resolver.chat(body)),
      'chatcmpl',
      signal,
    )
  const text = (body: CompletionRequest, signal?: AbortSignal) =>
    start(
      guard(() => resolver.text(body)),
      'cmpl',
      signal,
    )
  return {
    kind: 'embedded',
    modelName,
    sha256,
    contextSize: context.contextSize,
    tokenize,
    renderChatPrompt,
    scoreTokens: async (input, options) =>
      score(
        guard(() => input),
        options,
      ),
    scoreChatAnswer: async ({ messages, content, topLogprobs }, options) => {
      const promptTokens = guard(() => tokenize(renderChatPrompt(messages)))
      // The answer lost its word-boundary space; SentencePiece's space prefix puts it back.
      const completionTokens = tokenize(content, { addBos: false })
      return score({ promptTokens, completionTokens, topLogprobs }, options)
    },
    async chatCompletion(body, options) {
      const { steps, meta } = chat(body, options?.signal)
      return collectChatCompletion(steps, meta)
    },
    async *streamChatCompletion(body, options) {
      const { steps, meta } = chat(body, options?.signal)
      yield* streamChatChunks(steps, meta)
    },
    async completion(body, options) {
      const { steps, meta } = text(body, options?.signal)
      return collectCompletion(steps, meta)
    },
    async *streamCompletion(body, options) {
      const { steps, meta } = text(body, options?.signal)
      yield* streamCompletionChunks(steps, meta)
    },
    async embeddings() {
      throw new UnsupportedOperationError({ operation: 'embeddings', backend: 'embedded' })
    },
    async close() {
      if (runner.isClosed) return
      await runner.close()
      await context.dispose()
      await model.dispose()
    },
  }
}

function createMeta(prefix: string, model: string, sha256: string, hasLogprobs: boolean): ResponseMeta {
  return {
    id: `${prefix}-${randomUUID().replaceAll('-', '')}`,
    created: Math.floor(Date.now() / 1000),
    model,
    // The file's hash identifies the exact weights that produced the answer.
    systemFingerprint: `fp_${sha256.slice(0, 12)}`,
    hasLogprobs,
  }
}
