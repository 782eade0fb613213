import { basename } from 'node:path'
import type { Token } from 'node-llama-cpp'
import type { InferenceBackend } from '../backend.ts'
import { UnsupportedOperationError } from '../errors.ts'
import { createCompletionMethods } from './createCompletionMethods.ts'
import { createGenerationRunner } from './createGenerationRunner.ts'
import { createRequestResolver } from './createRequestResolver.ts'
import { createScoringMethods, type ScoringMethods } from './createScoringMethods.ts'
import { createTokenLogprobs } from './createTokenLogprobs.ts'
import { type LoadEmbeddedModelParameters, loadEmbeddedModel, tokenizePrompt } from './loadEmbeddedModel.ts'
import { renderChatPrompt } from './renderChatPrompt.ts'
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
export type EmbeddedBackend = InferenceBackend &
  ScoringMethods & {
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
  const contextSize = context.contextSize
  const tokenize = (text: string, options?: { addBos?: boolean }) => tokenizePrompt(model, text, options)
  const defaultMaxTokens = parameters.defaultMaxTokens ?? 256
  const resolver = createRequestResolver({ tokenize, contextSize, defaultMaxTokens })
  return {
    kind: 'embedded',
    modelName,
    sha256,
    contextSize,
    tokenize,
    renderChatPrompt,
    ...createCompletionMethods({ runner, resolver, modelName, sha256 }),
    ...createScoringMethods({ runner, logprobs, tokenize, contextSize }),
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
