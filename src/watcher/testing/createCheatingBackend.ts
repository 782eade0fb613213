/**
 * Test and evaluation support: suppliers that cheat, as wrappers around honest backends. Each returns an
 * `InferenceBackend` whose chat methods misbehave; the other methods pass through.
 */
import type { ChatCompletionRequest, InferenceBackend } from '../../inference/index.ts'

/** How a cheating supplier decides, per request, whether to serve the claimed model. */
export type CheatPolicy =
  /** Serves `cheap` for a random share of requests (randomised substitution). */
  | { kind: 'substitute'; cheap: InferenceBackend; share: number; random: () => number }
  /** Serves the claimed model only to requests its classifier takes for probes, `cheap` otherwise. */
  | { kind: 'route'; cheap: InferenceBackend; isProbeLike: (request: ChatCompletionRequest) => boolean }
  /** Serves honestly but bills `factor` times the tokens (rounded up). */
  | { kind: 'inflate'; factor: number }

/**
 * Wraps an honest backend with a cheating policy.
 *
 * @param honest - the claimed model, served honestly.
 * @param policy - how to cheat.
 * @returns the cheating backend.
 * @example
 * const cheater = createCheatingBackend(real, { kind: 'substitute', cheap: tiny, share: 0.1, random: Math.random })
 */
export function createCheatingBackend(honest: InferenceBackend, policy: CheatPolicy): InferenceBackend {
  const pick = (request: ChatCompletionRequest): InferenceBackend => {
    if (policy.kind === 'substitute') return policy.random() < policy.share ? policy.cheap : honest
    if (policy.kind === 'route') return policy.isProbeLike(request) ? honest : policy.cheap
    return honest
  }
  const inflate = <
    T extends { usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null },
  >(
    value: T,
  ): T => {
    if (policy.kind !== 'inflate' || !value.usage) return value
    const prompt = Math.ceil(value.usage.prompt_tokens * policy.factor)
    const completion = Math.ceil(value.usage.completion_tokens * policy.factor)
    return {
      ...value,
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    }
  }
  return {
    ...honest,
    kind: honest.kind,
    async chatCompletion(request, options) {
      return inflate(await pick(request).chatCompletion(request, options))
    },
    async *streamChatCompletion(request, options) {
      for await (const chunk of pick(request).streamChatCompletion(request, options)) yield inflate(chunk)
    },
    completion: (request, options) => honest.completion(request, options),
    streamCompletion: (request, options) => honest.streamCompletion(request, options),
    embeddings: (request, options) => honest.embeddings(request, options),
    close: () => honest.close(),
  }
}
