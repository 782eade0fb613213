import type { ClientView } from './continuation.ts'
import { completionChunkToChat } from './continuation.ts'
import type { StreamChunk } from './openStreamAttempt.ts'

type Usage = { prompt_tokens?: number; completion_tokens?: number }

/** Follows a client's stream across segments (the first supplier, then any continuation). */
export type StreamTracker = {
  /** Shapes a received chunk for the client (id, created, model; chat form), or holds a usage chunk back. */
  accept(chunk: StreamChunk, segmentKind: 'chat' | 'completion'): StreamChunk | undefined
  /** Starts a new segment (a continuation): its usage is counted on top of what was sent before it. */
  beginSegment(): void
  /** The final usage chunk for the client (OpenAI: `choices: []`, sent before `[DONE]`). */
  usageChunk(): StreamChunk
  readonly text: string
  /** Content-bearing chunks sent (≈ output tokens on backends that send one token per chunk). */
  readonly emittedTokens: number
  readonly finishReason: string | null
  readonly hasToolCalls: boolean
}

/**
 * Creates the tracker. Every chunk gets the same `id`, `created` and `model`, whichever supplier produced
 * it, so a client sees one uninterrupted stream. Usage after a continuation is the client's view: the
 * original prompt and every answer token, whichever supplier produced it.
 *
 * @param view - what the client asked for
 * @param id - the stream's id (e.g. `chatcmpl-<request id>`)
 * @param nowSeconds - the `created` timestamp to use
 * @returns the tracker
 * @example
 * const tracker = createStreamTracker(view, `chatcmpl-${requestId}`, Math.floor(Date.now() / 1000))
 */
export function createStreamTracker(view: ClientView, id: string, nowSeconds: number): StreamTracker {
  let text = ''
  let emittedTokens = 0
  let tokensBeforeSegment = 0
  let finishReason: string | null = null
  let hasToolCalls = false
  let segments = 0
  let firstUsage: Usage | undefined
  let lastUsage: Usage | undefined
  let systemFingerprint: unknown
  const object = view.kind === 'chat' ? 'chat.completion.chunk' : 'text_completion'
  const track = (choice: Record<string, unknown>) => {
    const delta = choice.delta as { content?: unknown; tool_calls?: unknown } | undefined
    const piece = view.kind === 'chat' ? delta?.content : choice.text
    if (typeof piece === 'string' && piece !== '') {
      text += piece
      emittedTokens++
    }
    if (delta?.tool_calls) hasToolCalls = true
    if (typeof choice.finish_reason === 'string') finishReason = choice.finish_reason
  }
  return {
    accept(chunk, segmentKind) {
      if (Array.isArray(chunk.choices) && chunk.choices.length === 0 && chunk.usage) {
        lastUsage = chunk.usage
        if (segments === 0) firstUsage = chunk.usage
        return undefined
      }
      const shaped =
        segmentKind === 'completion' && view.kind === 'chat'
          ? completionChunkToChat(chunk, text === '')
          : chunk
      systemFingerprint ??= chunk.system_fingerprint
      for (const choice of shaped.choices ?? []) track(choice)
      return { ...shaped, id, object, created: nowSeconds, model: view.model }
    },
    beginSegment() {
      segments++
      tokensBeforeSegment = emittedTokens
    },
    usageChunk() {
      const promptTokens =
        firstUsage?.prompt_tokens ?? Math.max(0, (lastUsage?.prompt_tokens ?? 0) - tokensBeforeSegment)
      const completionTokens =
        segments === 0
          ? (lastUsage?.completion_tokens ?? emittedTokens)
          : tokensBeforeSegment + (lastUsage?.completion_tokens ?? emittedTokens - tokensBeforeSegment)
      return {
        id,
        object,
        created: nowSeconds,
        model: view.model,
        ...(systemFingerprint === undefined ? {} : { system_fingerprint: systemFingerprint }),
        choices: [],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      }
    },
    get text() {
      return text
    },
    get emittedTokens() {
      return emittedTokens
    },
    get finishReason() {
      return finishReason
    },
    get hasToolCalls() {
      return hasToolCalls
    },
  }
}
