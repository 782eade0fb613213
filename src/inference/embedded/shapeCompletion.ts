import type {
  Completion,
  CompletionChunk,
  CompletionLogprobs,
  TokenLogprob,
} from '../openai/responseTypes.ts'
import { closeSteps, type GenerationStep, type GenerationSummary } from './generateTokens.ts'
import { type ResponseMeta, toUsage } from './shapeChatCompletion.ts'

type Steps = AsyncGenerator<GenerationStep, GenerationSummary, undefined>

/**
 * Streams a generation as legacy completion chunks: one per token that released text or carries a
 * logprob, a chunk with `finish_reason`, then a usage chunk with `choices: []`.
 *
 * @param steps - the running generation.
 * @param meta - id, timestamp, model name, fingerprint, whether logprobs were asked for.
 * @returns the chunks.
 * @example
 * for await (const chunk of streamCompletionChunks(steps, meta)) send(chunk)
 */
export async function* streamCompletionChunks(
  steps: Steps,
  meta: ResponseMeta,
): AsyncGenerator<CompletionChunk> {
  try {
    yield* completionChunks(steps, meta)
  } finally {
    // A consumer that stops early (client gone) must still end the generation and free its sequence.
    await closeSteps(steps)
  }
}

async function* completionChunks(steps: Steps, meta: ResponseMeta): AsyncGenerator<CompletionChunk> {
  const chunk = (choice: CompletionChunk['choices'][number]): CompletionChunk => ({
    id: meta.id,
    object: 'text_completion',
    created: meta.created,
    model: meta.model,
    system_fingerprint: meta.systemFingerprint,
    choices: [choice],
  })
  let offset = 0
  let result = await steps.next()
  while (!result.done) {
    const { text, logprob } = result.value
    if (text || logprob) {
      const logprobs = logprob ? toCompletionLogprobs([logprob], offset) : null
      yield chunk({ index: 0, text, logprobs, finish_reason: null })
    }
    offset += text.length
    result = await steps.next()
  }
  yield chunk({ index: 0, text: '', logprobs: null, finish_reason: result.value.finishReason })
  yield {
    ...chunk({ index: 0, text: '', logprobs: null, finish_reason: null }),
    choices: [],
    usage: toUsage(result.value),
  }
}

/**
 * Runs a generation to the end and returns the non-streaming completion.
 *
 * @param steps - the running generation.
 * @param meta - id, timestamp, model name, fingerprint, whether logprobs were asked for.
 * @returns the completion.
 * @example
 * const completion = await collectCompletion(steps, meta)
 */
export async function collectCompletion(steps: Steps, meta: ResponseMeta): Promise<Completion> {
  let text = ''
  const entries: TokenLogprob[] = []
  let result = await steps.next()
  while (!result.done) {
    text += result.value.text
    if (result.value.logprob) entries.push(result.value.logprob)
    result = await steps.next()
  }
  return {
    id: meta.id,
    object: 'text_completion',
    created: meta.created,
    model: meta.model,
    system_fingerprint: meta.systemFingerprint,
    choices: [
      {
        index: 0,
        text,
        logprobs: meta.hasLogprobs ? toCompletionLogprobs(entries, 0) : null,
        finish_reason: result.value.finishReason,
      },
    ],
    usage: toUsage(result.value),
  }
}

/**
 * Legacy `logprobs` (parallel arrays) from chat-style entries; `text_offset` counts UTF-16 code units of
 * the token strings from `startOffset`. Two alternatives with the same text keep the likelier one.
 *
 * @param entries - chat-style logprob entries, in order.
 * @param startOffset - text offset of the first entry.
 * @returns the legacy logprobs object.
 * @example
 * toCompletionLogprobs(entries, 0).tokens
 */
export function toCompletionLogprobs(
  entries: readonly TokenLogprob[],
  startOffset: number,
): CompletionLogprobs {
  let offset = startOffset
  const textOffset = entries.map((entry) => {
    const at = offset
    offset += entry.token.length
    return at
  })
  return {
    tokens: entries.map((entry) => entry.token),
    token_logprobs: entries.map((entry) => entry.logprob),
    top_logprobs: entries.map((entry) => {
      // No prototype: a token may literally be "__proto__".
      const top: Record<string, number> = Object.create(null)
      for (const alternative of entry.top_logprobs) top[alternative.token] ??= alternative.logprob
      return top
    }),
    text_offset: textOffset,
  }
}
