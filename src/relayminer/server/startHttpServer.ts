import { readFile } from 'node:fs/promises'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { Hono } from 'hono'

/** A listening server. */
export type HttpServerHandle = {
  /** `http://host:port` or `https://host:port`, with the port actually bound. */
  url: string
  port: number
  /** Stops accepting connections and waits for open requests to finish. */
  close(): Promise<void>
}

export type StartHttpServerParameters = {
  app: Hono
  host: string
  /** 0 picks a free port. */
  port: number
  /** PEM files; HTTPS when given. */
  tls?: { certFile: string; keyFile: string } | undefined
}

/**
 * Serves a Hono app over HTTP, or HTTPS when a certificate is configured.
 *
 * @param parameters - app, host, port, optional TLS files
 * @returns the bound URL and `close()`
 * @example
 * const server = await startHttpServer({ app: relayMiner.app, host: '127.0.0.1', port: 0 })
 */
export async function startHttpServer(parameters: StartHttpServerParameters): Promise<HttpServerHandle> {
  const { app, host, port, tls } = parameters
  const serverOptions = tls && { cert: await readFile(tls.certFile), key: await readFile(tls.keyFile) }
  const server = serverOptions
    ? createAdaptorServer({ fetch: app.fetch, createServer: createHttpsServer, serverOptions })
    : createAdaptorServer({ fetch: app.fetch })
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
