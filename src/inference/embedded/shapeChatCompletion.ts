import type { ChatCompletion, ChatCompletionChunk, TokenLogprob, Usage } from '../openai/responseTypes.ts'
import { closeSteps, type GenerationStep, type GenerationSummary } from './generateTokens.ts'

/** Fields every object of one response shares. */
export type ResponseMeta = {
  id: string
  created: number
  model: string
  systemFingerprint: string
  hasLogprobs: boolean
}

type Steps = AsyncGenerator<GenerationStep, GenerationSummary, undefined>

/**
 * Streams a generation as chat chunks: a role chunk, one chunk per token that released text or carries
 * a logprob, a chunk with `finish_reason`, then a usage chunk with `choices: []`.
 *
 * @param steps - the running generation.
 * @param meta - id, timestamp, model name, fingerprint, whether logprobs were asked for.
 * @returns the chunks.
 * @example
 * for await (const chunk of streamChatChunks(steps, meta)) send(chunk)
 */
export async function* streamChatChunks(
  steps: Steps,
  meta: ResponseMeta,
): AsyncGenerator<ChatCompletionChunk> {
  try {
    yield* chatChunks(steps, meta)
  } finally {
    // A consumer that stops early (client gone) must still end the generation and free its sequence.
    await closeSteps(steps)
  }
}

async function* chatChunks(steps: Steps, meta: ResponseMeta): AsyncGenerator<ChatCompletionChunk> {
  const chunk = (choice: ChatCompletionChunk['choices'][number]): ChatCompletionChunk => ({
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    system_fingerprint: meta.systemFingerprint,
    choices: [choice],
  })
  yield chunk({ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null })
  const trim = createAnswerTrimmer()
  let result = await steps.next()
  while (!result.done) {
    const text = trim(result.value.text)
    const logprob = result.value.logprob
    if (text || logprob) {
      const logprobs = logprob ? { content: [logprob] } : null
      yield chunk({ index: 0, delta: { content: text }, logprobs, finish_reason: null })
    }
    result = await steps.next()
  }
  yield chunk({ index: 0, delta: {}, logprobs: null, finish_reason: result.value.finishReason })
  yield {
    ...chunk({ index: 0, delta: {}, logprobs: null, finish_reason: null }),
    choices: [],
    usage: toUsage(result.value),
  }
}

/**
 * Runs a generation to the end and returns the non-streaming chat answer.
 *
 * @param steps - the running generation.
 * @param meta - id, timestamp, model name, fingerprint, whether logprobs were asked for.
 * @returns the chat completion.
 * @example
 * const completion = await collectChatCompletion(steps, meta)
 */
export async function collectChatCompletion(steps: Steps, meta: ResponseMeta): Promise<ChatCompletion> {
  const trim = createAnswerTrimmer()
  let content = ''
  const logprobs: TokenLogprob[] = []
  let result = await steps.next()
  while (!result.done) {
    content += trim(result.value.text)
    if (result.value.logprob) logprobs.push(result.value.logprob)
    result = await steps.next()
  }
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    system_fingerprint: meta.systemFingerprint,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content },
        logprobs: meta.hasLogprobs ? { content: logprobs } : null,
        finish_reason: result.value.finishReason,
      },
    ],
    usage: toUsage(result.value),
  }
}

/**
 * OpenAI usage from a generation summary.
 *
 * @param summary - prompt and completion token counts.
 * @returns the usage object.
 * @example
 * toUsage({ promptTokens: 3, completionTokens: 2, finishReason: 'stop' }).total_tokens // 5
 */
export function toUsage(summary: GenerationSummary): Usage {
  const { promptTokens, completionTokens } = summary
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  }
}

// The template ends with "assistant:", so the answer's first token carries the word-boundary space;
// drop exactly that one space (the prompt plus " " plus the answer is then the evaluated text again).
function createAnswerTrimmer(): (text: string) => string {
  let isStart = true
  return (text) => {
    if (!isStart || text === '') return text
    isStart = false
    return text.startsWith(' ') ? text.slice(1) : text
  }
}
