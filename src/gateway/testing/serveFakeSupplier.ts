import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { FakeSupplier } from './createFakeSupplier.ts'

const encoder = new TextEncoder()

/**
 * Serves a fake supplier over HTTP with the relayminer's wire format (`POST /v1/relay`: a JSON answer, or
 * SSE with the signed `relay-response` trailer), for benchmarks and HTTP-level tests.
 *
 * @param supplier - the fake supplier
 * @returns the server and its base URL (the endpoint to register)
 * @example
 * const { url, server } = await serveFakeSupplier(supplier)
 */
export async function serveFakeSupplier(
  supplier: FakeSupplier,
): Promise<{ url: string; server: ServerType }> {
  const app = new Hono()
  app.post('/v1/relay', async (c) => {
    const reply = await supplier.handle(await c.req.json(), c.req.raw.signal)
    if (reply.kind === 'json') return c.json(reply.body as object, reply.status as 200)
    const events = reply.events[Symbol.asyncIterator]()
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const step = await events.next()
        if (step.done) return controller.close()
        const { event, data } = step.value
        controller.enqueue(encoder.encode(`${event ? `event: ${event}\n` : ''}data: ${data}\n\n`))
      },
    })
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
  })
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((resolve) => server.once('listening', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}
