import type { ServerResponse } from 'node:http'
import { sseHeaders } from './toSseEvents.ts'

/**
 * Writes SSE event texts straight to Node's response: the headers go out with the first event in one
 * write, and each later event is one write, without the web ReadableStream, reader and promise per
 * chunk that a `Response` body costs (a long answer has hundreds of chunks). Waits for `drain` when the
 * client reads slowly; a client that disconnects stops the events (and so the supplier attempt).
 *
 * @param outgoing - Node's response (`c.env.outgoing` under @hono/node-server)
 * @param events - event texts from `toSseEvents`
 * @param headers - extra response headers (the request id)
 * @returns once the response has ended or the client left
 * @example
 * void writeSseToNode(outgoing, toSseEvents(stream.chunks, job), { 'x-request-id': requestId })
 */
export async function writeSseToNode(
  outgoing: ServerResponse,
  events: AsyncGenerator<string, void, undefined>,
  headers: Record<string, string>,
): Promise<void> {
  let isClosed = false
  let wake: (() => void) | undefined
  outgoing.once('close', () => {
    isClosed = true
    wake?.()
  })
  outgoing.writeHead(200, { ...sseHeaders, ...headers })
  try {
    for await (const text of events) {
      if (isClosed) break
      if (!outgoing.write(text))
        await new Promise<void>((resolve) => {
          wake = resolve
          outgoing.once('drain', resolve)
        })
    }
    if (!isClosed) outgoing.end()
  } catch (error) {
    outgoing.destroy(error as Error)
  }
}
