import type { LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import { InferenceAbortedError } from '../errors.ts'
import { createStreamRng } from '../gguf/prng.ts'
import type { FinishReason, TokenLogprob } from '../openai/responseTypes.ts'
import { applyPenalties } from './applyPenalties.ts'
import { createStopFilter, type StopFilter } from './createStopFilter.ts'
import { createTextDecoder, type TextDecoder } from './createTextDecoder.ts'
import type { TokenLogprobBuilder } from './createTokenLogprobs.ts'
import { sampleToken } from './sampleToken.ts'

/** What to generate, already resolved from an OpenAI request. */
export type GenerationParameters = {
  promptTokens: Token[]
  /** Already capped to the room left in the context. */
  maxTokens: number
  /** 0 = greedy (llama.cpp's argmax); > 0 = sampled here from the raw distribution. */
  temperature: number
  topP: number
  seed: number
  stop: readonly string[]
  /** OpenAI frequency / presence penalties (0 = off). */
  frequencyPenalty: number
  presencePenalty: number
  /** null: no logprobs; n ≥ 0: logprobs with the n most likely alternatives. */
  topLogprobs: number | null
  signal?: AbortSignal
}

/** One generated token: the text it released (possibly '') and its logprob entry when asked for. */
export type GenerationStep = { text: string; logprob: TokenLogprob | null }

/** How generation ended. `completionTokens` counts generated tokens; an ending EOS is not one. */
export type GenerationSummary = { finishReason: FinishReason; promptTokens: number; completionTokens: number }

type Tools = { model: LlamaModel; logprobs: TokenLogprobBuilder }

/**
 * Runs one generation on a context sequence, token by token. The sequence's history is cleared first:
 * the prompt is always evaluated in one batch from an empty state, so a request's numbers never depend
 * on what the sequence served before (llama.cpp is bitwise reproducible only for identical batching).
 *
 * @param sequence - a sequence this call owns until it returns.
 * @param tools - the model and the logprob builder.
 * @param parameters - the resolved request.
 * @returns steps, then the summary as the generator's return value.
 * @example
 * for await (const step of generateTokens(sequence, tools, parameters)) text += step.text
 */
export async function* generateTokens(
  sequence: LlamaContextSequence,
  tools: Tools,
  parameters: GenerationParameters,
): AsyncGenerator<GenerationStep, GenerationSummary, undefined> {
  const { promptTokens, maxTokens, temperature, topLogprobs, signal } = parameters
  await sequence.clearHistory()
  const hasPenalties = parameters.frequencyPenalty !== 0 || parameters.presencePenalty !== 0
  const needsDistribution = topLogprobs !== null || temperature > 0 || hasPenalties
  // Greedy native sampling leaves the logits untouched, so the probabilities are the raw softmax.
  const iterator = sequence.evaluateWithMetadata(
    promptTokens,
    { probabilities: needsDistribution },
    { temperature: 0, yieldEogToken: true },
  )
  const state = createState(tools.model, parameters)
  const summary = (finishReason: FinishReason): GenerationSummary => ({
    finishReason,
    promptTokens: promptTokens.length,
    completionTokens: state.count,
  })
  try {
    let result = await iterator.next()
    while (!result.done) {
      if (signal?.aborted) throw abortError(signal)
      const distribution = (result.value as { probabilities?: Map<Token, number> }).probabilities
      const token = state.choose(result.value.token, distribution)
      if (tools.model.isEogToken(token)) return yield* finish(state, summary('stop'))
      state.count++
      const { text, isStopped } = state.stopFilter.push(state.decoder.push(token))
      const logprob = topLogprobs === null ? null : tools.logprobs.entry(token, distribution!, topLogprobs)
      yield { text, logprob }
      if (isStopped) return summary('stop')
      if (state.count >= maxTokens) return yield* finish(state, summary('length'))
      result = await iterator.next(token)
    }
    return yield* finish(state, summary('length'))
  } finally {
    await iterator.return()
  }
}

function createState(model: LlamaModel, parameters: GenerationParameters) {
  const random = createStreamRng(parameters.seed, 'sampling')
  const sampling = { temperature: parameters.temperature, topP: parameters.topP }
  const penalties = { frequency: parameters.frequencyPenalty, presence: parameters.presencePenalty }
  const hasPenalties = penalties.frequency !== 0 || penalties.presence !== 0
  const counts = new Map<Token, number>()
  return {
    count: 0,
    decoder: createTextDecoder(model, parameters.promptTokens) as TextDecoder,
    stopFilter: createStopFilter(parameters.stop) as StopFilter,
    choose(nativeToken: Token, distribution: Map<Token, number> | undefined): Token {
      if (!distribution || (sampling.temperature === 0 && !hasPenalties)) return nativeToken
      const weights = hasPenalties ? applyPenalties(distribution, counts, penalties) : distribution
      const token =
        sampling.temperature === 0
          ? weights.keys().next().value!
          : sampleToken(weights, sampling, random() / 2 ** 32)
      counts.set(token, (counts.get(token) ?? 0) + 1)
      return token
    },
  }
}

// A backend closing aborts with its own typed error; a caller's abort becomes INFERENCE_ABORTED.
function abortError(signal: AbortSignal): BaseError {
  return signal.reason instanceof BaseError
    ? signal.reason
    : new InferenceAbortedError({ cause: signal.reason })
}

// Releases text still held back (an unfinished character, a partial stop-sequence match).
async function* finish(
  state: ReturnType<typeof createState>,
  summary: GenerationSummary,
): AsyncGenerator<GenerationStep, GenerationSummary, undefined> {
  const { text, isStopped } = state.stopFilter.push(state.decoder.flush())
  const rest = isStopped ? text : text + state.stopFilter.flush()
  if (rest) yield { text: rest, logprob: null }
  return isStopped ? { ...summary, finishReason: 'stop' } : summary
}

/**
 * Ends a generation early (a no-op once it has finished): runs its cleanup, which gives the sequence back.
 *
 * @param steps - a generation from `generateTokens`.
 * @returns once the generation has stopped.
 * @example
 * await closeSteps(steps)
 */
export async function closeSteps(
  steps: AsyncGenerator<GenerationStep, GenerationSummary, undefined>,
): Promise<void> {
  // The value passed to return() is never observed by anyone; the generator is being discarded.
  await steps.return(undefined as unknown as GenerationSummary)
}
