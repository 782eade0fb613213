import type { ChatCompletionRequest, ChatMessage } from '../../inference/index.ts'
import { followUps, systemPrompts } from '../corpus/corpus.ts'
import type { PromptDeck } from './createPromptDeck.ts'
import type { ProbeShape } from './probeShape.ts'

/** An earlier exchange a two-turn probe can continue. */
export type PastTurn = { prompt: string; answer: string }

/** Inputs of `buildProbeRequest`. */
export type BuildProbeRequestParameters = {
  shape: ProbeShape
  /** The service id: relays name it as the body's `model`, as the gateway does. */
  serviceId: string
  deck: PromptDeck
  /** Earlier exchanges to continue (two-turn shapes fall back to one turn when there is none). */
  pastTurns: readonly PastTurn[]
  random: () => number
}

/**
 * Builds a probe: a corpus prompt (optionally after a system prompt, or as a follow-up to an earlier
 * exchange) dressed in the given shape, with exactly the fields a gateway sends for such a request
 * (streams ask for usage). Nothing marks it as a probe.
 *
 * @param parameters - shape, service, prompt deck, earlier turns, randomness.
 * @returns the chat request body.
 * @example
 * const request = buildProbeRequest({ shape, serviceId: 'llama-small', deck, pastTurns: [], random: Math.random })
 */
export function buildProbeRequest(parameters: BuildProbeRequestParameters): ChatCompletionRequest {
  const { shape, random } = parameters
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const messages: ChatMessage[] = []
  if (shape.hasSystemPrompt) messages.push({ role: 'system', content: pick(systemPrompts) })
  if (shape.turns === 2 && parameters.pastTurns.length > 0) {
    const past = pick(parameters.pastTurns)
    messages.push({ role: 'user', content: past.prompt }, { role: 'assistant', content: past.answer })
    messages.push({ role: 'user', content: pick(followUps) })
  } else messages.push({ role: 'user', content: parameters.deck.draw() })
  const request: ChatCompletionRequest = {
    model: parameters.serviceId,
    messages,
    temperature: shape.temperature,
    [shape.maxTokensField]: shape.maxTokens,
  }
  if (shape.topP !== undefined) request.top_p = shape.topP
  if (shape.frequencyPenalty !== 0) request.frequency_penalty = shape.frequencyPenalty
  if (shape.presencePenalty !== 0) request.presence_penalty = shape.presencePenalty
  if (shape.topLogprobs !== undefined) {
    request.logprobs = true
    request.top_logprobs = shape.topLogprobs
  }
  if (shape.isStream) {
    request.stream = true
    request.stream_options = { include_usage: true }
  }
  return request
}
