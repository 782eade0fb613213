import { randomUUID } from 'node:crypto'
import type { InferenceBackend } from '../backend.ts'
import { BackendClosedError } from '../errors.ts'
import type { ChatCompletionRequest, CompletionRequest } from '../openai/requestSchemas.ts'
import type { GenerationRunner } from './createGenerationRunner.ts'
import type { RequestResolver, ResolvedRequest } from './createRequestResolver.ts'
import { collectChatCompletion, type ResponseMeta, streamChatChunks } from './shapeChatCompletion.ts'
import { collectCompletion, streamCompletionChunks } from './shapeCompletion.ts'

/** The four OpenAI completion methods of a backend. */
export type CompletionMethods = Pick<
  InferenceBackend,
  'chatCompletion' | 'streamChatCompletion' | 'completion' | 'streamCompletion'
>

/**
 * The OpenAI completion methods of the embedded backend: resolve the request, run it on a pooled sequence,
 * and shape the steps into an answer or a chunk stream.
 *
 * @param parts - the runner, the request resolver, and the model's name and sha256 (for `system_fingerprint`).
 * @returns the methods.
 * @example
 * const methods = createCompletionMethods({ runner, resolver, modelName: 'tiny', sha256 })
 */
export function createCompletionMethods(parts: {
  runner: GenerationRunner
  resolver: RequestResolver
  modelName: string
  sha256: string
}): CompletionMethods {
  const { runner, resolver, modelName, sha256 } = parts
  // Resolve (tokenise) only while open: after close() the model is disposed and would throw its own error.
  const start = (resolve: () => ResolvedRequest, prefix: string, signal?: AbortSignal) => {
    if (runner.isClosed) throw new BackendClosedError()
    const resolved = resolve()
    return {
      steps: runner.run({ ...resolved.generation, signal }),
      meta: createMeta(prefix, modelName, sha256, resolved.hasLogprobs),
    }
  }
  const chat = (body: ChatCompletionRequest, signal?: AbortSignal) =>
    start(() => resolver.chat(body), 'chatcmpl', signal)
  const text = (body: CompletionRequest, signal?: AbortSignal) =>
    start(() => resolver.text(body), 'cmpl', signal)
  return {
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
