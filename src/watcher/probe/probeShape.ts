import type { ChatCompletionRequest } from '../../inference/index.ts'

/** The form of a request, without its text: what a supplier could use to tell probes from traffic. */
export type ProbeShape = {
  /** 0 = greedy (checked token by token). */
  temperature: number
  topP: number | undefined
  maxTokens: number
  maxTokensField: 'max_tokens' | 'max_completion_tokens'
  isStream: boolean
  /** Alternatives per token when logprobs are asked for; undefined = no logprobs. */
  topLogprobs: number | undefined
  hasSystemPrompt: boolean
  /** 1 = a single user message; 2 = a follow-up after an earlier answer. */
  turns: 1 | 2
  frequencyPenalty: number
  presencePenalty: number
}

/** The mix of request forms to imitate, when no real traffic has been seen (config `probes.profile`). */
export type TrafficProfile = {
  /** Share of greedy requests (temperature 0): only these are checked token by token. */
  greedyShare: number
  /** Temperatures of the other requests, drawn uniformly. */
  temperatures: readonly number[]
  maxTokens: readonly number[]
  streamShare: number
  /** Share of requests asking for logprobs, and how many alternatives they ask for. */
  logprobsShare: number
  topLogprobs: number
  systemPromptShare: number
  multiTurnShare: number
  /** Share of requests with frequency/presence penalties, and their values. */
  penaltyShare: number
  frequencyPenalty: number
  presencePenalty: number
  /** Share of requests that name `max_completion_tokens` rather than `max_tokens`. */
  maxCompletionTokensShare: number
}

/**
 * Draws a request form from a traffic profile.
 *
 * @param profile - the shares and values to imitate.
 * @param random - uniform in [0, 1).
 * @returns one shape.
 * @example
 * sampleProbeShape(profile, Math.random).temperature // 0 for greedy probes
 */
export function sampleProbeShape(profile: TrafficProfile, random: () => number): ProbeShape {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const isGreedy = random() < profile.greedyShare || profile.temperatures.length === 0
  const hasPenalties = random() < profile.penaltyShare
  return {
    temperature: isGreedy ? 0 : pick(profile.temperatures),
    topP: undefined,
    maxTokens: pick(profile.maxTokens),
    maxTokensField: random() < profile.maxCompletionTokensShare ? 'max_completion_tokens' : 'max_tokens',
    isStream: random() < profile.streamShare,
    topLogprobs: random() < profile.logprobsShare ? profile.topLogprobs : undefined,
    hasSystemPrompt: random() < profile.systemPromptShare,
    turns: random() < profile.multiTurnShare ? 2 : 1,
    frequencyPenalty: hasPenalties ? profile.frequencyPenalty : 0,
    presencePenalty: hasPenalties ? profile.presencePenalty : 0,
  }
}

/**
 * The shape of a real request, so that a watcher inside a gateway can copy the forms it sees.
 *
 * @param request - an ordinary chat request.
 * @param defaultMaxTokens - what the request gets when it names no limit.
 * @returns its shape.
 * @example
 * shapeOfRequest({ messages, temperature: 0, max_tokens: 64 }, 256).maxTokens // 64
 */
export function shapeOfRequest(request: ChatCompletionRequest, defaultMaxTokens: number): ProbeShape {
  const userTurns = request.messages.filter((message) => message.role === 'user').length
  return {
    temperature: request.temperature ?? 1,
    topP: request.top_p ?? undefined,
    maxTokens: request.max_completion_tokens ?? request.max_tokens ?? defaultMaxTokens,
    maxTokensField: request.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens',
    isStream: request.stream === true,
    topLogprobs: request.logprobs ? (request.top_logprobs ?? 0) : undefined,
    hasSystemPrompt: request.messages.some((m) => m.role === 'system' || m.role === 'developer'),
    turns: userTurns > 1 ? 2 : 1,
    frequencyPenalty: request.frequency_penalty ?? 0,
    presencePenalty: request.presence_penalty ?? 0,
  }
}
