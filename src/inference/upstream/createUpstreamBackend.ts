import { setMaxListeners } from 'node:events'
import type { InferenceBackend } from '../backend.ts'
import { BackendClosedError } from '../errors.ts'
import type {
  ChatCompletion,
  ChatCompletionChunk,
  Completion,
  CompletionChunk,
  EmbeddingsResponse,
} from '../openai/responseTypes.ts'
import { createUndiciTransport } from './createUndiciTransport.ts'
import { createUpstreamCalls } from './createUpstreamCalls.ts'
import type { UpstreamTarget } from './postUpstream.ts'
import { createFetchTransport, type UpstreamTransport } from './upstreamTransport.ts'

/** Where the upstream server is and how to talk to it. */
export type CreateUpstreamBackendParameters = {
  /** The server's OpenAI base URL, e.g. `http://127.0.0.1:11434/v1`; paths like `/chat/completions` are appended. */
  baseUrl: string
  /** Sent as `Authorization: Bearer <apiKey>`; never logged or put in error messages. */
  apiKey?: string
  /** Extra headers (e.g. an organisation or a gateway token). */
  headers?: Record<string, string>
  /** Overrides the request's `model` (the name the upstream server knows the model by). */
  model?: string
  /** Limit for a whole non-streaming answer, and for a stream's response headers. Default 60 s. */
  timeoutMs?: number
  /** Longest silence allowed between two stream events. Default 30 s. */
  idleTimeoutMs?: number
  /** How to send the HTTP requests. Default: `createUndiciTransport()` (undici keep-alive pools). */
  transport?: UpstreamTransport
  /** Send them with this `fetch` instead (tests, other runtimes); ignored when `transport` is given. */
  fetch?: typeof globalThis.fetch
}

/**
 * A backend that forwards to any OpenAI-compatible server (llama.cpp server, vLLM, Ollama, a hosted API).
 * Streaming requests always ask for `stream_options.include_usage`, so the last chunk carries usage.
 *
 * @param parameters - base URL, credentials, model override, timeouts.
 * @returns the backend.
 * @example
 * const backend = createUpstreamBackend({ baseUrl: 'http://127.0.0.1:8080/v1', apiKey: process.env.KEY })
 * for await (const chunk of backend.streamChatCompletion({ messages, model: 'llama' })) …
 */
export function createUpstreamBackend(parameters: CreateUpstreamBackendParameters): InferenceBackend {
  const closing = new AbortController()
  // Every request in flight listens on the close signal until it ends: many at once is the normal case.
  setMaxListeners(0, closing.signal)
  const target: UpstreamTarget = {
    baseUrl: parameters.baseUrl.replace(/\/+$/, ''),
    headers: {
      ...parameters.headers,
      ...(parameters.apiKey ? { authorization: `Bearer ${parameters.apiKey}` } : {}),
    },
    transport:
      parameters.transport ??
      (parameters.fetch ? createFetchTransport(parameters.fetch) : createUndiciTransport()),
    closeSignal: closing.signal,
  }
  const { answer, stream } = createUpstreamCalls(target, {
    timeoutMs: parameters.timeoutMs ?? 60_000,
    idleTimeoutMs: parameters.idleTimeoutMs ?? 30_000,
  })
  const withModel = (body: object) => (parameters.model ? { ...body, model: parameters.model } : { ...body })
  return {
    kind: 'upstream',
    chatCompletion: (request, options) =>
      answer<ChatCompletion>(
        { path: '/chat/completions', body: { ...withModel(request), stream: false }, options },
        'choices',
      ),
    streamChatCompletion: (request, options) =>
      stream<ChatCompletionChunk>({ path: '/chat/completions', body: withModel(request), options }),
    completion: (request, options) =>
      answer<Completion>(
        { path: '/completions', body: { ...withModel(request), stream: false }, options },
        'choices',
      ),
    streamCompletion: (request, options) =>
      stream<CompletionChunk>({ path: '/completions', body: withModel(request), options }),
    embeddings: (request, options) =>
      answer<EmbeddingsResponse>({ path: '/embeddings', body: withModel(request), options }, 'data'),
    async close() {
      closing.abort(new BackendClosedError())
    },
  }
}
