import type { ChatCompletionRequest, ChatMessage } from '../../inference/index.ts'
import { followUps, systemPrompts } from '../corpus/corpus.ts'
import type { PromptDeck } from './createPromptDeck.ts'
import { countMessageChars, type ProbeShape } from './probeShape.ts'

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
 * exchange) dressed in the given shape. It names exactly the fields the shape names (no defaults
 * spelt out), and its prompt is drawn near the length of the imitated request's text. Nothing marks
 * it as a probe; the gateway's client path then orders and bounds it as any client's request.
 *
 * @param parameters - shape, service, prompt deck, earlier turns, randomness.
 * @returns the chat request body.
 * @throws {ProbeFailedError} (fault `internal`) once the deck has no prompt left.
 * @example
 * const request = buildProbeRequest({ shape, serviceId: 'llama-small', deck, pastTurns: [], random: Math.random })
 */
export function buildProbeRequest(parameters: BuildProbeRequestParameters): ChatCompletionRequest {
  const request: ChatCompletionRequest = {
    model: parameters.serviceId,
    messages: probeMessages(parameters),
  }
  const { shape } = parameters
  if (shape.temperature !== undefined) request.temperature = shape.temperature
  if (shape.topP !== undefined) request.top_p = shape.topP
  if (shape.maxTokens !== undefined) request[shape.maxTokensField] = shape.maxTokens
  if (shape.frequencyPenalty !== undefined) request.frequency_penalty = shape.frequencyPenalty
  if (shape.presencePenalty !== undefined) request.presence_penalty = shape.presencePenalty
  if (shape.logprobs !== undefined) request.logprobs = shape.logprobs
  if (shape.topLogprobs !== undefined) request.top_logprobs = shape.topLogprobs
  if (shape.stream !== undefined) request.stream = shape.stream
  if (shape.stream && shape.hasStreamOptions) request.stream_options = { include_usage: true }
  return request
}

// The prompt fills what the other messages leave of the imitated request's length.
function probeMessages(parameters: BuildProbeRequestParameters): ChatMessage[] {
  const { shape, random } = parameters
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const messages: ChatMessage[] = []
  if (shape.hasSystemPrompt) messages.push({ role: 'system', content: pick(systemPrompts) })
  if (shape.turns === 2 && parameters.pastTurns.length > 0) {
    const past = pick(parameters.pastTurns)
    messages.push({ role: 'user', content: past.prompt }, { role: 'assistant', content: past.answer })
    messages.push({ role: 'user', content: pick(followUps) })
    return messages
  }
  const targetChars =
    shape.promptChars === undefined ? undefined : Math.max(1, shape.promptChars - countMessageChars(messages))
  messages.push({ role: 'user', content: parameters.deck.draw(targetChars) })
  return messages
}
