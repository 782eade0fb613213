import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Gateway } from '../createGateway.ts'

/**
 * Serves a gateway's app on a loopback port with @hono/node-server, as `decai gateway start` does, for
 * tests of what only Node's server exercises (raw body reads, clients that disconnect).
 *
 * @param gateway - the gateway
 * @returns its base URL and `close()`
 * @example
 * const served = await serveGateway(gateway)
 * await fetch(`${served.url}/v1/models`)
 */
export async function serveGateway(gateway: Gateway): Promise<{ url: string; close(): Promise<void> }> {
  const server = serve({ fetch: gateway.app.fetch, hostname: '127.0.0.1', port: 0 })
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
