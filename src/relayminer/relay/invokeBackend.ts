import type { InferenceBackend } from '../../inference/backend.ts'
import type { Usage } from '../../inference/openai/responseTypes.ts'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import { BackendBusyError, BackendFailedError, BackendTimeoutError } from '../errors.ts'
import type { BackendCall } from './resolveBackendCall.ts'

/** A streamed chunk: any OpenAI chunk object (chat or completion). */
export type BackendChunk = { usage?: Usage | null; choices?: unknown[] } & Record<string, unknown>

/** Token usage as the relay response signs it. */
export type RelayUsage = { inputTokens: number; outputTokens: number }

/**
 * Runs a non-streaming call.
 *
 * @param backend - the service's backend
 * @param call - from `resolveBackendCall`
 * @param signal - aborts the call (timeout or client gone)
 * @returns the OpenAI response body and its usage
 * @throws the backend's error (map it with `toRelayBackendError`)
 * @example
 * const { body, usage } = await invokeBackend(backend, call, signal)
 */
export async function invokeBackend(
  backend: InferenceBackend,
  call: BackendCall,
  signal: AbortSignal,
): Promise<{ body: unknown; usage: RelayUsage }> {
  const options = { signal }
  if (call.operation === 'embeddings') {
    const body = await backend.embeddings(call.body, options)
    return { body, usage: { inputTokens: body.usage.prompt_tokens, outputTokens: 0 } }
  }
  const body =
    call.operation === 'chat'
      ? await backend.chatCompletion(call.body, options)
      : await backend.completion(call.body, options)
  const usage = body.usage
  if (!usage) throw new BackendFailedError()
  return { body, usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens } }
}

/**
 * Opens a streaming call.
 *
 * @param backend - the service's backend
 * @param call - a streaming call from `resolveBackendCall`
 * @param signal - aborts the stream
 * @returns the chunk iterator
 * @example
 * for await (const chunk of streamBackend(backend, call, signal)) send(chunk)
 */
export function streamBackend(
  backend: InferenceBackend,
  call: BackendCall,
  signal: AbortSignal,
): AsyncIterator<BackendChunk> {
  const options = { signal }
  const stream =
    call.operation === 'chat'
      ? backend.streamChatCompletion(call.body, options)
      : backend.streamCompletion(
          call.body as Extract<BackendCall, { operation: 'completion' }>['body'],
          options,
        )
  return (stream as AsyncIterable<BackendChunk>)[Symbol.asyncIterator]()
}

const passThroughCodes = new Set([
  'INFERENCE_INVALID_REQUEST',
  'INFERENCE_CONTEXT_OVERFLOW',
  'INFERENCE_UNSUPPORTED',
])

/**
 * Maps a backend failure to what the client may see: the client's own mistakes (invalid request,
 * context overflow, unsupported operation, an upstream 4xx about the request) pass through with their
 * code; busy, timeout and every other failure become RELAYMINER errors whose message names no URL,
 * path or upstream detail.
 *
 * @param error - what the backend threw
 * @param isTimedOut - whether our own deadline aborted the call
 * @returns the error to send
 * @example
 * catch (error) { throw toRelayBackendError(error, signal.aborted) }
 */
export function toRelayBackendError(error: unknown, isTimedOut: boolean): BaseError {
  if (isTimedOut) return new BackendTimeoutError({ cause: error })
  if (!(error instanceof BaseError)) return new BackendFailedError({ cause: error })
  if (error.code.startsWith('RELAYMINER_')) return error
  if (passThroughCodes.has(error.code)) return error
  if (error.code === 'INFERENCE_UPSTREAM_ERROR' && error.fault === 'client') return error
  if (error.code === 'INFERENCE_BACKEND_BUSY') return new BackendBusyError({ cause: error })
  if (error.code === 'INFERENCE_BACKEND_TIMEOUT') return new BackendTimeoutError({ cause: error })
  return new BackendFailedError({ cause: error })
}
