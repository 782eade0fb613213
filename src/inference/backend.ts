/**
 * The one interface every inference backend implements, so the RelayMiner, the gateway and the watcher
 * can serve, proxy or audit without knowing whether llama.cpp runs in-process or behind a URL.
 */
import type { ChatCompletionRequest, CompletionRequest, EmbeddingsRequest } from './openai/requestSchemas.ts'
import type {
  ChatCompletion,
  ChatCompletionChunk,
  Completion,
  CompletionChunk,
  EmbeddingsResponse,
} from './openai/responseTypes.ts'

/** Per-call options. */
export type InferenceCallOptions = {
  /** Cancels the request: a queued request leaves the queue, a running one stops generating. */
  signal?: AbortSignal
}

/**
 * An OpenAI-compatible inference backend. Streaming methods return an async iterable of chunks; the last
 * chunk carries `usage` (as with `stream_options.include_usage`), which metering needs. A front end
 * that was not asked for usage drops that chunk. Errors are `BaseError`s with `INFERENCE_*` codes.
 */
export interface InferenceBackend {
  /** `embedded` (llama.cpp in-process) or `upstream` (an OpenAI-compatible server). */
  readonly kind: 'embedded' | 'upstream'
  chatCompletion(request: ChatCompletionRequest, options?: InferenceCallOptions): Promise<ChatCompletion>
  streamChatCompletion(
    request: ChatCompletionRequest,
    options?: InferenceCallOptions,
  ): AsyncIterable<ChatCompletionChunk>
  completion(request: CompletionRequest, options?: InferenceCallOptions): Promise<Completion>
  streamCompletion(request: CompletionRequest, options?: InferenceCallOptions): AsyncIterable<CompletionChunk>
  /** Throws `INFERENCE_UNSUPPORTED` where the backend has no embedding model. */
  embeddings(request: EmbeddingsRequest, options?: InferenceCallOptions): Promise<EmbeddingsResponse>
  /** Releases the model, contexts and sockets; later calls throw `INFERENCE_BACKEND_CLOSED`. */
  close(): Promise<void>
}
