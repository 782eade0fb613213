import { type Context, Hono } from 'hono'
import type { HealthView, UpstreamsView, WatcherView } from '../../api/types.ts'
import { ExplorerChainUnavailableError, ExplorerNotFoundError } from '../../errors.ts'
import { readApplication, readApplications } from '../views/readApplications.ts'
import { readChainStatus } from '../views/readChainStatus.ts'
import { readFlows } from '../views/readFlows.ts'
import { readOverview } from '../views/readOverview.ts'
import { readService, readServices } from '../views/readServices.ts'
import { readSession } from '../views/readSession.ts'
import { readSessionList } from '../views/readSessionList.ts'
import { readSupplier, readSuppliers } from '../views/readSuppliers.ts'
import { readWatcherReports } from '../views/readWatcherReports.ts'
import type { ViewContext } from '../views/viewContext.ts'
import { parseAddressParam, parseBeforeParam, parseLimitParam, parseSessionParam } from './parseParams.ts'
import { toApiError } from './toApiError.ts'

/**
 * The JSON API under `/api`: one GET route per page of the browser app (docs/explorer.md, "API").
 * Every answer is a view built from indexed events; errors are thrown and mapped by the app's handler.
 *
 * @param ctx - the view context
 * @returns the routes, to mount at `/api`
 * @example
 * app.route('/api', createApiRoutes(ctx))
 */
export function createApiRoutes(ctx: ViewContext): Hono {
  const api = new Hono()
  const head = async () => {
    try {
      return await ctx.data.getHead()
    } catch (cause) {
      throw new ExplorerChainUnavailableError({ cause })
    }
  }
  // The overview's totals and counts come from the index, so a dead node only blanks the head and session;
  // while the indexer already knows it is dead, the page does not wait for the head read's retries either.
  api.get('/overview', async (c) => {
    const isChainDown = readChainStatus(ctx.data).state === 'unreachable'
    const head = isChainDown ? null : await ctx.data.getHead().catch(() => null)
    return c.json(await readOverview(ctx, head))
  })
  api.get('/services', (c) => c.json(readServices(ctx)))
  api.get('/services/:serviceId', (c) => c.json(readService(ctx, c.req.param('serviceId'))))
  api.get('/suppliers', (c) => c.json(readSuppliers(ctx)))
  // Lists that grow without bound take a page size (capped) and a cursor: the previous page's `nextBefore`.
  const claimPage = (c: Context, limit: number) => ({
    limit: parseLimitParam(c.req.query('limit'), limit, limit),
    before: parseBeforeParam(c.req.query('before')),
  })
  api.get('/suppliers/:address', (c) =>
    c.json(readSupplier(ctx, parseAddressParam(c.req.param('address')), claimPage(c, 100))),
  )
  api.get('/applications', (c) => c.json(readApplications(ctx)))
  api.get('/applications/:address', (c) =>
    c.json(readApplication(ctx, parseAddressParam(c.req.param('address')), claimPage(c, 100))),
  )
  api.get('/sessions', async (c) => {
    const limit = parseLimitParam(c.req.query('limit'), 20, 200)
    const before = parseBeforeParam(c.req.query('before'))
    return c.json(readSessionList(ctx, (await head()).blockNumber, limit, before))
  })
  api.get('/sessions/:number', async (c) => {
    const session = parseSessionParam(c.req.param('number'))
    return c.json(await readSession(ctx, session, (await head()).blockNumber, claimPage(c, 200)))
  })
  api.get('/flows', (c) => {
    const limit = parseLimitParam(c.req.query('limit'), 50, 500)
    return c.json(readFlows(ctx, limit, parseBeforeParam(c.req.query('before'))))
  })
  api.get('/watcher', (c) =>
    c.json({ upstream: ctx.watcher.status(), reports: readWatcherReports(ctx) } satisfies WatcherView),
  )
  api.get('/upstreams', (c) =>
    c.json({ gateway: ctx.gateway.status(), watcher: ctx.watcher.status() } satisfies UpstreamsView),
  )
  api.get('/health', (c) => {
    const chain = readChainStatus(ctx.data)
    const indexedHeight = ctx.data.getIndexedHeight()?.toString() ?? null
    if (chain.state === 'reachable')
      return c.json({ status: 'ok', indexedHeight, chain } satisfies HealthView)
    // 503 like every route that needs the node, so that a load balancer or a probe sees the outage; the
    // body is both a HealthView and an ApiError.
    const { status, body } = toApiError(new ExplorerChainUnavailableError({ cause: chain.errorCode }))
    const health: HealthView = { status: 'chain-unreachable', indexedHeight, chain }
    return c.json({ ...health, ...body }, status as 503)
  })
  api.all('*', () => {
    throw new ExplorerNotFoundError({ what: 'such API route' })
  })
  return api
}
