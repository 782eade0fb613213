import type { InferenceBackend } from '../../inference/backend.ts'
import type { ChatCompletion, ChatCompletionChunk, Completion } from '../../inference/openai/responseTypes.ts'

export type CreateInstantBackendParameters = {
  /** Output tokens per answer (one streamed chunk each). Default 4. */
  outputTokens?: number
  /** Input tokens reported per request. Default 8. */
  inputTokens?: number
  /** Delay before each streamed chunk and before a non-streamed answer. Default 0 (no timer). */
  delayMs?: number
  /** When set, every call fails with this error (after the delay). */
  failWith?: () => Error
  /** When set, streams fail with this error after this many chunks. */
  failAfterChunks?: number
}

/**
 * A backend that answers at once with fixed text and usage, for tests of the relay path and for the
 * overhead benchmark (it costs nothing, so what is measured is the relayminer). Never for serving.
 *
 * @param parameters - token counts, delay, failure injection
 * @returns the backend and the number of calls it received
 * @example
 * const backend = createInstantBackend({ outputTokens: 3 })
 */
export function createInstantBackend(parameters: CreateInstantBackendParameters = {}): InferenceBackend & {
  calls: number
  aborted: number
} {
  const outputTokens = parameters.outputTokens ?? 4
  const usage = () => {
    const prompt = parameters.inputTokens ?? 8
    return { prompt_tokens: prompt, completion_tokens: outputTokens, total_tokens: prompt + outputTokens }
  }
  const state = { calls: 0, aborted: 0 }
  const pause = (signal?: AbortSignal) => {
    if (!parameters.delayMs) return undefined
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, parameters.delayMs)
      signal?.addEventListener('abort', () => {
        clearTimeout(timer)
        state.aborted++
        reject(new Error('aborted'))
      })
    })
  }
  const answer = async (signal?: AbortSignal) => {
    state.calls++
    await pause(signal)
    if (parameters.failWith) throw parameters.failWith()
  }
  const chat = (): ChatCompletion => ({
    id: 'chatcmpl-instant',
    object: 'chat.completion',
    created: 1,
    model: 'instant',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'ok '.repeat(outputTokens) },
        logprobs: null,
        finish_reason: 'length',
      },
    ],
    usage: usage(),
  })
  async function* chunks(signal?: AbortSignal): AsyncGenerator<ChatCompletionChunk> {
    await answer(signal)
    const base = {
      id: 'chatcmpl-instant',
      object: 'chat.completion.chunk' as const,
      created: 1,
      model: 'instant',
    }
    try {
      for (let i = 0; i < outputTokens; i++) {
        if (parameters.failAfterChunks === i) throw new Error('backend stream broke')
        if (signal?.aborted) throw new Error('aborted')
        yield {
          ...base,
          choices: [{ index: 0, delta: { content: 'ok ' }, logprobs: null, finish_reason: null }],
        }
        await pause(signal)
      }
      yield { ...base, choices: [], usage: usage() }
    } finally {
      if (signal?.aborted && !parameters.delayMs) state.aborted++
    }
  }
  const completion = (): Completion => ({
    id: 'cmpl-instant',
    object: 'text_completion',
    created: 1,
    model: 'instant',
    choices: [{ index: 0, text: 'ok '.repeat(outputTokens), logprobs: null, finish_reason: 'length' }],
    usage: usage(),
  })
  return Object.assign(state, {
    kind: 'upstream' as const,
    chatCompletion: async (_request: unknown, options?: { signal?: AbortSignal }) => {
      await answer(options?.signal)
      return chat()
    },
    streamChatCompletion: (_request: unknown, options?: { signal?: AbortSignal }) => chunks(options?.signal),
    completion: async (_request: unknown, options?: { signal?: AbortSignal }) => {
      await answer(options?.signal)
      return completion()
    },
    streamCompletion: (_request: unknown, options?: { signal?: AbortSignal }) =>
      chunks(options?.signal) as unknown as AsyncIterable<Completion>,
    embeddings: async () => {
      await answer()
      return {
        object: 'list' as const,
        data: [{ object: 'embedding' as const, index: 0, embedding: [0.5, 0.25] }],
        model: 'instant',
        usage: { prompt_tokens: 3, total_tokens: 3 },
      }
    },
    close: async () => undefined,
  })
}
