import { join } from 'node:path'
import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { type Logger, pino } from 'pino'
import { findPackageRoot } from '../findPackageRoot.ts'
import type { ExplorerDataSource } from '../ports.ts'
import { createUpdateHub } from './createUpdateHub.ts'
import { createApiRoutes } from './http/createApiRoutes.ts'
import { createStreamRoute } from './http/createStreamRoute.ts'
import { toApiError } from './http/toApiError.ts'
import { type Asset, loadAssets } from './serveAssets.ts'
import { createGatewayProbe } from './upstreams/createGatewayProbe.ts'
import { createWatcherClient } from './upstreams/createWatcherClient.ts'
import type { WatcherReportVerifier } from './upstreams/parseWatcherReports.ts'
import { createRunningTotals } from './views/createRunningTotals.ts'
import { createViewContext } from './views/viewContext.ts'

export type CreateExplorerServerParameters = {
  data: ExplorerDataSource
  /** A gateway's base URL: its `/metrics` give QoS scores and relays per second. */
  gatewayUrl?: string | undefined
  /** A watcher's base URL: its reports give verdicts. Without one, pages say "no watcher configured". */
  watcherUrl?: string | undefined
  /** Verifies a watcher report's signature (the watcher module's verifier; the explorer cannot import it). */
  verifyWatcherReport?: WatcherReportVerifier | undefined
  logger?: Logger | undefined
  /** Where the built browser app is. Default: `src/explorer/ui/dist`. */
  assetsDir?: string | undefined
  fetch?: typeof fetch | undefined
  gatewayIntervalMs?: number | undefined
  watcherIntervalMs?: number | undefined
  headPollMs?: number | undefined
}

export type ExplorerServer = {
  /** The Hono app: serve it (`@hono/node-server`) or test it in-process (`app.request()`). */
  app: Hono
  /** Fetches the gateway's and watcher's APIs once (they are polled in the background too). */
  refreshUpstreams(): Promise<void>
  /** Ends live streams and background polling. */
  close(): void
}

/** Where `npm run build:explorer` writes the browser app. */
export const defaultAssetsDir = join(findPackageRoot(), 'src', 'explorer', 'ui', 'dist')

const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
}

/**
 * Creates the explorer server: the JSON API over indexed chain data (`/api/*`), live updates as
 * Server-Sent Events (`/api/stream`), and the built browser app (`/`). It depends only on the
 * {@link ExplorerDataSource} port; `decai explorer` wires it to the chain.
 *
 * @param parameters - the data source, upstream URLs, logger
 * @returns the server
 * @throws {ExplorerAssetsMissingError} when the browser app has not been built
 * @example
 * const server = createExplorerServer({ data, gatewayUrl: 'http://127.0.0.1:8080' })
 * serve({ fetch: server.app.fetch, port: 8088 })
 */
export function createExplorerServer(parameters: CreateExplorerServerParameters): ExplorerServer {
  const { data } = parameters
  const logger = (parameters.logger ?? pino({ level: 'silent' })).child({ component: 'explorer' })
  const assets = loadAssets(parameters.assetsDir ?? defaultAssetsDir)
  const gateway = createGatewayProbe({
    url: parameters.gatewayUrl,
    fetch: parameters.fetch,
    intervalMs: parameters.gatewayIntervalMs,
  })
  const watcher = createWatcherClient({
    url: parameters.watcherUrl,
    verify: parameters.verifyWatcherReport,
    fetch: parameters.fetch,
    intervalMs: parameters.watcherIntervalMs,
  })
  const totals = createRunningTotals(data)
  const ctx = createViewContext({ data, gateway, watcher, totals })
  const hub = createUpdateHub({ data, headPollMs: parameters.headPollMs })
  const stream = createStreamRoute(hub)
  const app = new Hono()
  app.use('*', async function secure(c, next) {
    await next()
    for (const [name, value] of Object.entries(securityHeaders)) c.res.headers.set(name, value)
  })
  app.get('/api/stream', stream.handler)
  app.route('/api', createApiRoutes(ctx))
  app.get('*', (c) =>
    serveAsset(assets, c.req.path, c.req.header('if-none-match'), c.req.header('accept-encoding')),
  )
  app.onError((error, c) => {
    const { status, body } = toApiError(error)
    if (status >= 500) logger.error({ err: error, path: c.req.path }, 'explorer request failed')
    else logger.info({ status, code: body.error.code, path: c.req.path }, 'explorer request refused')
    return c.json(body, status as ContentfulStatusCode)
  })
  const refreshUpstreams = async () => {
    await Promise.all([gateway.refresh(), watcher.refresh()])
  }
  void refreshUpstreams()
  return {
    app,
    refreshUpstreams,
    close() {
      stream.closeAll()
      hub.close()
      totals.close()
      ctx.aggregates.close()
      ctx.applications.close()
      gateway.stop()
      watcher.stop()
    },
  }
}

// The app routes with the URL hash, so every path that is not a file gets the page itself.
function serveAsset(
  assets: Map<string, Asset>,
  path: string,
  ifNoneMatch: string | undefined,
  acceptEncoding: string | undefined,
): Response {
  const asset = assets.get(path) ?? (path.startsWith('/assets/') ? undefined : assets.get('/index.html'))
  if (!asset) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } })
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    etag: asset.etag,
    'cache-control': 'no-cache',
    vary: 'accept-encoding',
  }
  if (ifNoneMatch === asset.etag) return new Response(null, { status: 304, headers })
  if (asset.gzipped && /\bgzip\b/.test(acceptEncoding ?? ''))
    return new Response(asset.gzipped, { status: 200, headers: { ...headers, 'content-encoding': 'gzip' } })
  return new Response(asset.body, { status: 200, headers })
}
