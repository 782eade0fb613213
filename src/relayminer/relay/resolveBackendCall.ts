import {
  parseChatCompletionRequest,
  parseCompletionRequest,
  parseEmbeddingsRequest,
} from '../../inference/openai/parseRequest.ts'
import type {
  ChatCompletionRequest,
  CompletionRequest,
  EmbeddingsRequest,
} from '../../inference/openai/requestSchemas.ts'
import { BoundsExceededError, UnsupportedEndpointError } from '../errors.ts'
import type { RelayPayload } from './parseRelayEnvelope.ts'

/** A relay payload turned into one backend call. */
export type BackendCall =
  | { operation: 'chat'; isStream: boolean; shouldForwardUsage: boolean; body: ChatCompletionRequest }
  | { operation: 'completion'; isStream: boolean; shouldForwardUsage: boolean; body: CompletionRequest }
  | { operation: 'embeddings'; isStream: false; shouldForwardUsage: false; body: EmbeddingsRequest }

const routes: Record<string, BackendCall['operation']> = {
  '/v1/chat/completions': 'chat',
  '/v1/completions': 'completion',
  '/v1/embeddings': 'embeddings',
}

/**
 * Maps the relay's OpenAI-style payload to a backend call and enforces the signed output bound: a
 * request for more than `maxOutputTokens` is refused, and a request that names no limit gets exactly
 * the bound, so the backend can never produce more output than the application authorised. Streams
 * always ask the backend for usage (metering needs it); the usage chunk is forwarded only when the
 * client asked for it, as OpenAI does.
 *
 * @param payload - method, path and body of the relay
 * @param bounds - the signed `maxOutputTokens`
 * @returns the call to make
 * @throws {UnsupportedEndpointError} another method or path
 * @throws {BoundsExceededError} max_tokens above the signed bound
 * @throws {InvalidInferenceRequestError} a body that is not a valid OpenAI request
 * @example
 * const call = resolveBackendCall({ method: 'POST', path: '/v1/chat/completions', body }, request)
 */
export function resolveBackendCall(payload: RelayPayload, bounds: { maxOutputTokens: number }): BackendCall {
  const path = payload.path.split(/[?#]/)[0]!
  const operation = routes[path]
  if (payload.method.toUpperCase() !== 'POST' || operation === undefined)
    throw new UnsupportedEndpointError({ method: payload.method.toUpperCase(), path })
  if (operation === 'embeddings')
    return {
      operation,
      isStream: false,
      shouldForwardUsage: false,
      body: parseEmbeddingsRequest(payload.body),
    }
  if (operation === 'chat') {
    const request = parseChatCompletionRequest(payload.body)
    const limit = boundedLimit(request.max_completion_tokens ?? request.max_tokens, bounds.maxOutputTokens)
    const body =
      request.max_completion_tokens == null
        ? { ...request, max_tokens: limit }
        : { ...request, max_completion_tokens: limit }
    return withStreaming('chat', body)
  }
  const request = parseCompletionRequest(payload.body)
  return withStreaming('completion', {
    ...request,
    max_tokens: boundedLimit(request.max_tokens, bounds.maxOutputTokens),
  })
}

function boundedLimit(requested: number | null | undefined, bound: number): number {
  // A generation needs at least one output token; a zero bound only suits embeddings.
  if (bound < 1) throw new BoundsExceededError({ field: 'max_tokens', requested: requested ?? 1, bound })
  if (requested == null) return bound
  if (requested > bound) throw new BoundsExceededError({ field: 'max_tokens', requested, bound })
  return requested
}

function withStreaming<T extends ChatCompletionRequest | CompletionRequest>(
  operation: 'chat' | 'completion',
  body: T,
): BackendCall {
  if (body.stream !== true)
    return { operation, isStream: false, shouldForwardUsage: false, body } as BackendCall
  const shouldForwardUsage = body.stream_options?.include_usage === true
  const streamed = { ...body, stream_options: { ...body.stream_options, include_usage: true } }
  return { operation, isStream: true, shouldForwardUsage, body: streamed } as BackendCall
}
