import type { ChatCompletionRequest } from '../../inference/index.ts'

/**
 * The form of a request, without its text: what a supplier could use to tell probes from traffic. A
 * field that is `undefined` is left out of the request, as the imitated client left it out (a probe
 * that spelt out a default, say `temperature: 1`, would stand out from clients that never send it).
 */
export type ProbeShape = {
  /** 0 = greedy (checked token by token); undefined = left out (suppliers sample at 1). */
  temperature: number | undefined
  topP: number | undefined
  /** undefined = no limit named: the gateway signs its default output bound. */
  maxTokens: number | undefined
  maxTokensField: 'max_tokens' | 'max_completion_tokens'
  /** The `stream` field as sent (`false` is not the same request as no field). */
  stream: boolean | undefined
  /** Whether a stream named `stream_options` (the gateway adds `include_usage` either way). */
  hasStreamOptions: boolean
  /** The `logprobs` field as sent, and the alternatives per token when named. */
  logprobs: boolean | undefined
  topLogprobs: number | undefined
  hasSystemPrompt: boolean
  /** 1 = a single user message; 2 = a follow-up after an earlier answer. */
  turns: 1 | 2
  frequencyPenalty: number | undefined
  presencePenalty: number | undefined
  /**
   * Characters of message text in the imitated request: its signed input bound tells a supplier about
   * this long a prompt, so the probe's prompt is chosen near it. undefined = any length.
   */
  promptChars: number | undefined
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
 * Draws a request form from a traffic profile: every field the profile describes is sent; streams ask
 * for usage; the fields of features a request does not use are left out.
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
  const maxTokens = pick(profile.maxTokens)
  const maxTokensField = random() < profile.maxCompletionTokensShare ? 'max_completion_tokens' : 'max_tokens'
  const isStream = random() < profile.streamShare
  const hasLogprobs = random() < profile.logprobsShare
  return {
    temperature: isGreedy ? 0 : pick(profile.temperatures),
    topP: undefined,
    maxTokens,
    maxTokensField,
    stream: isStream ? true : undefined,
    hasStreamOptions: isStream,
    logprobs: hasLogprobs ? true : undefined,
    topLogprobs: hasLogprobs ? profile.topLogprobs : undefined,
    hasSystemPrompt: random() < profile.systemPromptShare,
    turns: random() < profile.multiTurnShare ? 2 : 1,
    frequencyPenalty: hasPenalties ? profile.frequencyPenalty : undefined,
    presencePenalty: hasPenalties ? profile.presencePenalty : undefined,
    promptChars: undefined,
  }
}

/**
 * The shape of a real request, so that a watcher inside a gateway can copy the forms it sees: which
 * fields it sent and with which values, and how much text it carried. Nothing is filled in.
 *
 * @param request - an ordinary chat request, as validated by the gateway.
 * @returns its shape.
 * @example
 * shapeOfRequest({ messages, temperature: 0, max_tokens: 64 }).maxTokens // 64
 */
export function shapeOfRequest(request: ChatCompletionRequest): ProbeShape {
  const userTurns = request.messages.filter((message) => message.role === 'user').length
  const hasCompletionTokens = request.max_completion_tokens != null
  return {
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    maxTokens: (hasCompletionTokens ? request.max_completion_tokens : request.max_tokens) ?? undefined,
    maxTokensField: hasCompletionTokens ? 'max_completion_tokens' : 'max_tokens',
    stream: request.stream ?? undefined,
    hasStreamOptions: request.stream_options != null,
    logprobs: request.logprobs ?? undefined,
    topLogprobs: request.top_logprobs ?? undefined,
    hasSystemPrompt: request.messages.some((m) => m.role === 'system' || m.role === 'developer'),
    turns: userTurns > 1 ? 2 : 1,
    frequencyPenalty: request.frequency_penalty ?? undefined,
    presencePenalty: request.presence_penalty ?? undefined,
    promptChars: countMessageChars(request.messages),
  }
}

/**
 * Characters of text in chat messages (string contents and text parts).
 *
 * @param messages - the messages.
 * @returns their total text length.
 * @example
 * countMessageChars([{ role: 'user', content: 'hi' }]) // 2
 */
export function countMessageChars(messages: ChatCompletionRequest['messages']): number {
  let chars = 0
  for (const { content } of messages) {
    if (typeof content === 'string') chars += content.length
    else if (Array.isArray(content)) for (const part of content) chars += part.text?.length ?? 0
  }
  return chars
}
