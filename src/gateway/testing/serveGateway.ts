import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Gateway } from '../createGateway.ts'

/** How a served gateway takes requests: its Node listener (as in production) or `app.fetch` alone. */
export type ServedVia = 'listener' | 'hono'

/**
 * Serves a gateway on a loopback port for tests of what only Node's server exercises (raw body reads,
 * clients that disconnect): with `gateway.listener`, as `decai gateway start` does, or with the Hono
 * app alone under @hono/node-server, so both paths can be held to the same behaviour.
 *
 * @param gateway - the gateway
 * @param via - which entry point (default the listener)
 * @returns its base URL and `close()`
 * @example
 * const served = await serveGateway(gateway)
 * await fetch(`${served.url}/v1/models`)
 */
export async function serveGateway(
  gateway: Gateway,
  via: ServedVia = 'listener',
): Promise<{ url: string; close(): Promise<void> }> {
  const server =
    via === 'listener'
      ? createServer(gateway.listener).listen(0, '127.0.0.1')
      : serve({ fetch: gateway.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((resolve) => server.once('listening', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      }),
  }
}
