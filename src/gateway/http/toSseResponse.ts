import { sseHeaders } from './toSseEvents.ts'

const encoder = new TextEncoder()

/**
 * A streaming web `Response` of SSE event texts, pulled one at a time so nothing piles up for a slow
 * reader; a client that disconnects cancels the events (and so the supplier attempt). Used where the
 * gateway is not served by Node's HTTP server (`app.request()`, other runtimes); on Node,
 * `writeSseToNode` writes the same events without web streams.
 *
 * @param events - event texts from `toSseEvents`
 * @param headers - extra response headers (the request id)
 * @returns the streaming response
 * @example
 * return toSseResponse(toSseEvents(stream.chunks, job), { 'x-request-id': requestId })
 */
export function toSseResponse(
  events: AsyncGenerator<string, void, undefined>,
  headers: Record<string, string>,
): Response {
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const step = await events.next()
        if (step.done) controller.close()
        else controller.enqueue(encoder.encode(step.value))
      },
      async cancel() {
        await events.return(undefined)
      },
    },
    { highWaterMark: 0 },
  )
  return new Response(body, { status: 200, headers: { ...sseHeaders, ...headers } })
}
