import type { IncomingMessage, ServerResponse } from 'node:http'
import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from 'pino'
import type { SignedSupplierObjectives } from '../../protocol/objectives/types.ts'
import type { RelayMinerMetrics } from '../metrics/createRelayMinerMetrics.ts'
import type { RelayService } from '../relay/createRelayService.ts'
import { toErrorBody } from '../relay/toErrorBody.ts'
import { createNodeRelayHandler } from './createNodeRelayHandler.ts'
import { createRelayEndpoint } from './createRelayEndpoint.ts'
import { setNodeRoute } from './nodeRoutes.ts'
import { readJsonBody } from './readJsonBody.ts'
import { statusOfError } from './statusOfError.ts'
import { toSseResponse } from './toSseResponse.ts'

/** Why the relayminer is not ready, or nothing when it is. */
export type ReadinessCheck = () => string[]

export type CreateRelayMinerAppParameters = {
  relays: RelayService
  metrics: RelayMinerMetrics
  logger: Logger
  /** Reasons the relayminer cannot serve for pay right now (stale chain, store closed…). */
  readiness: ReadinessCheck
  maxBodyBytes: number
  /** Serve `/metrics` here (false when a separate metrics listener is configured). */
  shouldServeMetrics: boolean
  /** The operators' signed objectives, served on `GET /v1/objectives` (none: an empty list). */
  advertisements?: readonly SignedSupplierObjectives[]
}

/**
 * The relayminer's HTTP API (docs/relayminer.md): `POST /v1/relay`, `GET /v1/objectives` (the operators'
 * signed quality objectives, public: watchers audit against them), `GET /healthz`, `GET /readyz` and,
 * unless served separately, `GET /metrics`. Errors are `{ error: { code, message, fault } }` with the
 * status of `statusOfError`; 4xx are logged at info, 5xx at error.
 *
 * @param parameters - the relay service, metrics, logger, readiness check, body limit
 * @returns the Hono app (test it with `app.request()`)
 * @example
 * const app = createRelayMinerApp({ relays, metrics, logger, readiness, maxBodyBytes: 1 << 20, shouldServeMetrics: true })
 * const response = await app.request('/v1/relay', { method: 'POST', body: JSON.stringify(envelope) })
 */
export function createRelayMinerApp(parameters: CreateRelayMinerAppParameters): Hono {
  const { relays, metrics, logger, maxBodyBytes } = parameters
  const app = new Hono()
  const serveRelay = createRelayEndpoint({ relays, metrics, logger })
  // On a Node server (startHttpServer) the relay path skips Hono and the WHATWG objects; this route
  // serves app.request() and other adapters, through the same endpoint.
  setNodeRoute(app, {
    method: 'POST',
    path: '/v1/relay',
    handle: createNodeRelayHandler(serveRelay, maxBodyBytes),
  })
  app.post('/v1/relay', async function serveRelayRoute(c) {
    const node = c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined
    const outgoing = c.req.header('x-decai-processing') === '1' ? node?.outgoing : undefined
    const reply = await serveRelay({
      readBody: () => readJsonBody(c.req.raw, node?.incoming, maxBodyBytes),
      requestId: c.req.header('x-request-id'),
      signal: c.req.raw.signal,
      ...(outgoing ? { writeProcessing: () => outgoing.writeProcessing() } : {}),
    })
    if (reply.kind === 'stream') return toSseResponse(reply.frames)
    return c.body(reply.text, reply.status as ContentfulStatusCode, { 'content-type': 'application/json' })
  })
  const advertisements = { advertisements: parameters.advertisements ?? [] }
  app.get('/v1/objectives', (c) => c.json(advertisements))
  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  app.get('/readyz', (c) => {
    const reasons = parameters.readiness()
    return c.json(
      { status: reasons.length === 0 ? 'ready' : 'not ready', reasons },
      reasons.length === 0 ? 200 : 503,
    )
  })
  if (parameters.shouldServeMetrics) app.get('/metrics', (c) => serveMetrics(c, metrics))
  app.notFound((c) =>
    c.json({ error: { code: 'NOT_FOUND', message: 'No such endpoint.', fault: 'client' } }, 404),
  )
  app.onError((error, c) => c.json(toErrorBody(error), statusOfError(error) as ContentfulStatusCode))
  return app
}

/**
 * Answers a Prometheus scrape.
 *
 * @param c - the request context
 * @param metrics - the registry owner
 * @returns the text exposition
 * @example
 * app.get('/metrics', (c) => serveMetrics(c, metrics))
 */
export async function serveMetrics(
  c: { body: (text: string, status: 200, headers: Record<string, string>) => Response },
  metrics: RelayMinerMetrics,
) {
  return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType })
}
