import { randomInt } from 'node:crypto'
import type { Token } from 'node-llama-cpp'
import { ContextOverflowError } from '../errors.ts'
import type { GenerationParameters } from './generateTokens.ts'

/** The sampling fields chat and legacy completion requests share. */
export type SamplingFields = {
  max_tokens?: number | null
  temperature?: number | null
  top_p?: number | null
  seed?: number | null
  stop?: string | string[] | null
  frequency_penalty?: number | null
  presence_penalty?: number | null
}

/**
 * Turns a request's sampling fields into generation parameters, with OpenAI's defaults (temperature 1,
 * top_p 1, no penalties, a fresh random seed) and `maxTokens` capped to the room the prompt leaves in the context.
 *
 * @param fields - the request's sampling fields.
 * @param context - prompt tokens, context size, the backend's default max tokens, requested logprobs.
 * @returns the parameters for `generateTokens`.
 * @throws {ContextOverflowError} when the prompt leaves no room for one token.
 * @example
 * resolveGeneration({ temperature: 0 }, { promptTokens, contextSize: 2048, defaultMaxTokens: 256, topLogprobs: null })
 */
export function resolveGeneration(
  fields: SamplingFields & { maxTokens?: number | null },
  context: {
    promptTokens: Token[]
    contextSize: number
    defaultMaxTokens: number
    topLogprobs: number | null
  },
): Omit<GenerationParameters, 'signal'> {
  const { promptTokens, contextSize } = context
  const room = contextSize - promptTokens.length
  if (room < 1) throw new ContextOverflowError({ promptTokens: promptTokens.length, contextSize })
  const stop = fields.stop ?? []
  return {
    promptTokens,
    maxTokens: Math.min(fields.maxTokens ?? fields.max_tokens ?? context.defaultMaxTokens, room),
    temperature: fields.temperature ?? 1,
    topP: fields.top_p ?? 1,
    seed: fields.seed ?? randomInt(2 ** 32),
    stop: typeof stop === 'string' ? [stop] : stop,
    frequencyPenalty: fields.frequency_penalty ?? 0,
    presencePenalty: fields.presence_penalty ?? 0,
    topLogprobs: context.topLogprobs,
  }
}
