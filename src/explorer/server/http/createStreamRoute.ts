import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { UpdateHub } from '../createUpdateHub.ts'

export type StreamRoute = {
  handler: (c: Context) => Response
  /** Ends every open stream, and any opened later at once (server shutdown). */
  closeAll(): void
}

/**
 * `GET /api/stream`: Server-Sent Events carrying the hub's messages (`chain` first, then `events`, `head`, `chain`), and a comment
 * every `keepAliveMs` so proxies keep the connection open. Browsers reconnect by themselves (EventSource).
 *
 * @param hub - the update hub
 * @param keepAliveMs - comment period; default 15 s
 * @returns the handler and a way to end all streams
 * @example
 * const stream = createStreamRoute(hub); app.get('/api/stream', stream.handler)
 */
export function createStreamRoute(hub: UpdateHub, keepAliveMs = 15_000): StreamRoute {
  const closers = new Set<() => void>()
  let isClosed = false
  const handler = (c: Context) =>
    // After shutdown began, a browser reconnecting (over a keep-alive socket) gets a stream that ends at
    // once: it retries later, and the server can finish closing.
    streamSSE(c, async (stream) => {
      if (isClosed) return void (await stream.write(': closed\n\n'))
      void stream.write(': connected\n\n')
      // Writes are not awaited: a slow browser queues messages instead of holding up the others.
      const remove = hub.add(
        (message) => void stream.writeSSE({ event: message.type, data: JSON.stringify(message) }),
      )
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), keepAliveMs)
      await new Promise<void>((resolve) => {
        const done = () => {
          closers.delete(done)
          resolve()
        }
        stream.onAbort(done)
        closers.add(done)
      })
      clearInterval(keepAlive)
      remove()
    })
  return {
    handler,
    closeAll() {
      isClosed = true
      for (const close of [...closers]) close()
    },
  }
}
