import { readFile } from 'node:fs/promises'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import type { Hono } from 'hono'
import { isNodeRouteMatch, nodeRouteOf } from './nodeRoutes.ts'

const KEEP_ALIVE_TIMEOUT_MS = 65_000

/** A listening server. */
export type HttpServerHandle = {
  /** `http://host:port` or `https://host:port`, with the port actually bound. */
  url: string
  port: number
  /** Stops accepting connections and waits for open requests to finish. */
  close(): Promise<void>
}

export type StartHttpServerParameters = {
  /** A Hono app, or a Node listener of its own (the gateway's `listener`). */
  app: Hono | ((request: IncomingMessage, response: ServerResponse) => void)
  host: string
  /** 0 picks a free port. */
  port: number
  /** PEM files; HTTPS when given. */
  tls?: { certFile: string; keyFile: string } | undefined
}

/**
 * Serves a Hono app (or a Node request listener) over HTTP, or HTTPS when a certificate is configured,
 * keeping idle connections longer than clients do. A route the app registered
 * with `setNodeRoute` (the relayminer's `POST /v1/relay`) is served on Node's request and response
 * directly, before Hono; everything else goes through the app.
 *
 * @param parameters - app, host, port, optional TLS files
 * @returns the bound URL and `close()`
 * @example
 * const server = await startHttpServer({ app: relayMiner.app, host: '127.0.0.1', port: 0 })
 */
export async function startHttpServer(parameters: StartHttpServerParameters): Promise<HttpServerHandle> {
  const { app, host, port, tls } = parameters
  const serverOptions = tls && { cert: await readFile(tls.certFile), key: await readFile(tls.keyFile) }
  const listener = typeof app === 'function' ? app : requestListenerOf(app)
  const server = serverOptions ? createHttpsServer(serverOptions, listener) : createHttpServer(listener)
  // Idle keep-alive connections outlive the clients' own idle limits (undici: 4 s), so a client closes
  // first and never sends a relay on a socket the server is closing (Node's default of 5 s invites that
  // race: the relay fails with ECONNRESET before any byte is read).
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const bound = (server.address() as AddressInfo).port
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Idle keep-alive sockets would hold close() open; requests in flight still finish.
        if ('closeIdleConnections' in server) server.closeIdleConnections()
      }),
  }
}

function requestListenerOf(app: Hono): (request: IncomingMessage, response: ServerResponse) => void {
  const honoListener = getRequestListener(app.fetch)
  const route = nodeRouteOf(app)
  if (!route) return honoListener
  return (request, response) => {
    if (isNodeRouteMatch(route, request.method, request.url)) route.handle(request, response)
    else void honoListener(request, response)
  }
}
