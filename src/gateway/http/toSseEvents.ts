import type { Logger } from 'pino'
import { toOpenAiError } from './toOpenAiError.ts'

/**
 * Frames client-facing chunks as OpenAI-style server-sent events, one `data:` event per chunk. A normal
 * end sends `data: [DONE]`; an error after the first chunk sends OpenAI's in-stream error event
 * (`data: {"error": …}`) and no `[DONE]`, so a client can never mistake a broken answer for a complete
 * one. Returning early (the client left) returns `chunks`, which ends the supplier attempt.
 *
 * @param chunks - client-facing chunk objects
 * @param request - what logs for the request (its logger is read only when an error is logged)
 * @returns the event texts, in order
 * @example
 * for await (const text of toSseEvents(stream.chunks, job)) outgoing.write(text)
 */
export async function* toSseEvents(
  chunks: AsyncGenerator<unknown, void, undefined>,
  request: { readonly logger: Logger },
): AsyncGenerator<string, void, undefined> {
  try {
    for await (const chunk of chunks) yield `data: ${JSON.stringify(chunk)}\n\n`
  } catch (error) {
    const { status, body } = toOpenAiError(error)
    if (status >= 500) request.logger.error({ err: error }, 'stream ended with an error')
    else request.logger.info({ status }, 'stream ended with a client error')
    yield `data: ${JSON.stringify(body)}\n\n`
    return
  }
  yield 'data: [DONE]\n\n'
}

/** The response headers of an SSE answer. */
export const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const
