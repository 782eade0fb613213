import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from 'pino'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import type { GatewayConfig } from '../config/loadGatewayConfig.ts'
import { BodyTooLargeError, UnsupportedEndpointError } from '../errors.ts'
import type { RateLimiter } from '../keys/createRateLimiter.ts'
import type { KeyStore } from '../keys/openKeyStore.ts'
import type { ServiceCatalog } from '../ports.ts'
import type { RouterContext } from '../routing/types.ts'
import { createAuthenticate, type GatewayVariables } from './authenticate.ts'
import { createInferenceHandler } from './handleInference.ts'
import { createModelHandlers } from './handleModels.ts'
import { toOpenAiError } from './toOpenAiError.ts'

export type CreateGatewayAppParameters = {
  config: GatewayConfig
  router: RouterContext
  keyStore: KeyStore | undefined
  limiter: RateLimiter
  catalog: ServiceCatalog
  logger: Logger
}

/**
 * The gateway's HTTP API: OpenAI-compatible `/v1/*` behind API keys, plus `/healthz` and `/metrics`.
 * Errors become OpenAI error objects at this edge only (`toOpenAiError`); 4xx are logged at info, 5xx
 * at error, and never with a key or a prompt.
 *
 * @param parameters - config, router, key store, limiter, service catalog, logger
 * @returns the Hono app (test it with `app.request()`)
 * @example
 * const app = createGatewayApp({ config, router, keyStore, limiter, catalog, logger })
 * serve({ fetch: app.fetch, port: config.server.port })
 */
export function createGatewayApp(
  parameters: CreateGatewayAppParameters,
): Hono<{ Variables: GatewayVariables }> {
  const { config, router, logger } = parameters
  const { metrics } = router
  const app = new Hono<{ Variables: GatewayVariables }>()
  const authenticate = createAuthenticate({
    keyStore: parameters.keyStore,
    isRequired: config.keys.isRequired,
  })
  const limit = bodyLimit({
    maxSize: config.server.maxBodyBytes,
    onError: () => {
      throw new BodyTooLargeError({ maxBodyBytes: config.server.maxBodyBytes })
    },
  })
  const inference = { ...parameters, keyStore: parameters.keyStore }
  const models = createModelHandlers({
    models: config.models,
    catalog: parameters.catalog,
    cacheMs: 30_000,
    logger,
  })

  app.use('*', async function observe(c, next) {
    const startedAtMs = performance.now()
    await next()
    const endpoint = routeLabel(c.req.path)
    metrics.requests.inc({ endpoint, model: c.get('model') ?? '', status: String(c.res.status) })
    metrics.duration.observe(
      {
        endpoint,
        stream: String(c.res.headers.get('content-type')?.startsWith('text/event-stream') ?? false),
      },
      (performance.now() - startedAtMs) / 1000,
    )
  })
  app.use('/v1/*', authenticate)
  app.post('/v1/chat/completions', limit, createInferenceHandler(inference, 'chat'))
  app.post('/v1/completions', limit, createInferenceHandler(inference, 'completion'))
  app.post('/v1/embeddings', limit, createInferenceHandler(inference, 'embeddings'))
  app.get('/v1/models', models.list)
  app.get('/v1/models/:model', models.get)
  app.get('/healthz', (c) => c.json({ status: 'ok', height: router.sessions.height()?.toString() ?? null }))
  app.get('/metrics', async (c) =>
    c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
  )
  app.notFound(() => {
    throw new UnsupportedEndpointError({ endpoint: 'this path' })
  })
  app.onError((error, c) => {
    // The client went away before an answer: nothing to send, and not the gateway's failure (nginx's 499).
    if (!(error instanceof BaseError) && c.req.raw.signal.aborted) {
      metrics.errors.inc({ class: 'client_gone' })
      logger.info({ path: c.req.path }, 'client closed the request before an answer')
      return c.body(null, 499 as ContentfulStatusCode)
    }
    const { status, body, headers } = toOpenAiError(error)
    const code = error instanceof BaseError ? error.code : 'INTERNAL'
    metrics.errors.inc({ class: code })
    if (status >= 500) logger.error({ err: error, status, path: c.req.path }, 'request failed')
    else logger.info({ status, code, path: c.req.path }, 'request refused')
    return c.json(body, status as ContentfulStatusCode, headers)
  })
  return app
}

const knownRoutes = new Set([
  '/v1/chat/completions',
  '/v1/completions',
  '/v1/embeddings',
  '/v1/models',
  '/healthz',
  '/metrics',
])

function routeLabel(path: string): string {
  if (knownRoutes.has(path)) return path
  return path.startsWith('/v1/models/') ? '/v1/models/:model' : 'other'
}
