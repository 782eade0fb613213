import type { Logger } from 'pino'
import { toOpenAiError } from './toOpenAiError.ts'

const encoder = new TextEncoder()

/**
 * Streams chunks to the client as OpenAI-style SSE, one `data:` event per chunk, pulled one at a time
 * so nothing piles up for a slow reader. A normal end sends `data: [DONE]`; an error after the first
 * chunk sends OpenAI's in-stream error event (`data: {"error": …}`) and no `[DONE]`, so a client can
 * never mistake a broken answer for a complete one. A client that disconnects cancels the chunks.
 *
 * @param chunks - client-facing chunk objects
 * @param request - what logs for the request (its logger is read only when an error is logged)
 * @returns the streaming response
 * @example
 * return toSseResponse(stream.chunks, job)
 */
export function toSseResponse(
  chunks: AsyncGenerator<unknown, void, undefined>,
  request: { readonly logger: Logger },
): Response {
  let isClosed = false
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (isClosed) return
        try {
          const step = await chunks.next()
          if (step.done) {
            isClosed = true
            controller.enqueue(encoder.encode('data: [DONE]\n\n'))
            controller.close()
            return
          }
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(step.value)}\n\n`))
        } catch (error) {
          isClosed = true
          const { status, body: errorBody } = toOpenAiError(error)
          if (status >= 500) request.logger.error({ err: error }, 'stream ended with an error')
          else request.logger.info({ status }, 'stream ended with a client error')
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(errorBody)}\n\n`))
          controller.close()
        }
      },
      async cancel() {
        isClosed = true
        await chunks.return(undefined)
      },
    },
    { highWaterMark: 0 },
  )
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  })
}
