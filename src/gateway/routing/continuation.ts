import { renderChatPrompt } from '../../inference/embedded/renderChatPrompt.ts'
import type { ChatMessage } from '../../inference/openai/requestSchemas.ts'
import type { RelayPayload } from '../relay/buildRelayEnvelope.ts'
import type { StreamChunk } from './openStreamAttempt.ts'

/** What the client asked for, as the stream is shaped back to it. */
export type ClientView = {
  kind: 'chat' | 'completion'
  /** The client's validated body. */
  body: Record<string, unknown>
  /** The model name the client used (an alias is echoed back as given). */
  model: string
  includeUsage: boolean
}

/**
 * The relay payload that resumes a broken stream on another supplier: the conversation rendered with
 * decai's plain chat template (the one every embedded backend uses; see `renderChatPrompt`) plus the
 * text already sent, as a `/v1/completions` prompt. The model then continues the same answer where it
 * stopped; the sampling fields, stop sequences and logprobs carry over, and `max_tokens` is what the
 * original bound leaves.
 *
 * @param view - the client's request
 * @param serviceId - the service (its id is the payload's model)
 * @param textSoFar - the answer text already sent to the client
 * @param remainingTokens - output tokens still allowed (at least 1)
 * @returns the completion payload
 * @example
 * const payload = buildContinuationPayload(view, 'llama-tiny', 'The cat sat', 40)
 */
export function buildContinuationPayload(
  view: ClientView,
  serviceId: string,
  textSoFar: string,
  remainingTokens: number,
): RelayPayload {
  const { body } = view
  // The chat template's answer starts after "assistant:" with one space, which the backend trims from
  // the first chunk; the evaluated text is the prompt, a space, then the answer.
  const prompt =
    view.kind === 'chat'
      ? renderChatPrompt(body.messages as ChatMessage[]) + (textSoFar ? ` ${textSoFar}` : '')
      : promptText(body.prompt) + textSoFar
  const chatTopLogprobs = body.logprobs === true ? Math.min(Number(body.top_logprobs ?? 0), 5) : undefined
  const logprobs = view.kind === 'chat' ? chatTopLogprobs : (body.logprobs as number | null | undefined)
  const continuation: Record<string, unknown> = {
    model: serviceId,
    prompt,
    max_tokens: Math.max(1, remainingTokens),
    stream: true,
    stream_options: { include_usage: true },
  }
  for (const field of ['temperature', 'top_p', 'seed', 'stop'] as const)
    if (body[field] !== undefined && body[field] !== null) continuation[field] = body[field]
  if (logprobs !== undefined && logprobs !== null) continuation.logprobs = logprobs
  return { method: 'POST', path: '/v1/completions', body: continuation }
}

function promptText(prompt: unknown): string {
  return Array.isArray(prompt) ? String(prompt[0] ?? '') : String(prompt ?? '')
}

/**
 * Re-shapes a `/v1/completions` chunk of a continuation into a chat chunk of the client's stream.
 *
 * @param chunk - the completion chunk
 * @param shouldTrimLeadingSpace - true while nothing has been sent yet (the chat trimmer's space)
 * @returns the chat chunk (id, created and model are set by the caller)
 * @example
 * const chatChunk = completionChunkToChat(chunk, false)
 */
export function completionChunkToChat(chunk: StreamChunk, shouldTrimLeadingSpace: boolean): StreamChunk {
  const choices = (chunk.choices ?? []).map((choice) => {
    let text = typeof choice.text === 'string' ? choice.text : ''
    if (shouldTrimLeadingSpace && text.startsWith(' ')) text = text.slice(1)
    return {
      index: choice.index ?? 0,
      delta: text ? { content: text } : {},
      logprobs: toChatLogprobs(choice.logprobs),
      finish_reason: choice.finish_reason ?? null,
    }
  })
  const chat: StreamChunk = { ...chunk, object: 'chat.completion.chunk', choices }
  return chat
}

type CompletionLogprobs = {
  tokens?: string[]
  token_logprobs?: number[]
  top_logprobs?: Array<Record<string, number>> | null
}

function toChatLogprobs(value: unknown): { content: unknown[] } | null {
  const logprobs = value as CompletionLogprobs | null | undefined
  if (!logprobs?.tokens) return null
  return {
    content: logprobs.tokens.map((token, index) => ({
      token,
      logprob: logprobs.token_logprobs?.[index] ?? 0,
      bytes: null,
      top_logprobs: Object.entries(logprobs.top_logprobs?.[index] ?? {}).map(([candidate, logprob]) => ({
        token: candidate,
        logprob,
        bytes: null,
      })),
    })),
  }
}
