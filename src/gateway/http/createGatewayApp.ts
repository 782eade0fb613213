import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from 'pino'
import type { GatewayConfig } from '../config/loadGatewayConfig.ts'
import { UnsupportedEndpointError } from '../errors.ts'
import type { RateLimiter } from '../keys/createRateLimiter.ts'
import type { KeyStore } from '../keys/openKeyStore.ts'
import type { ServiceCatalog } from '../ports.ts'
import type { RouterContext } from '../routing/types.ts'
import { createAuthenticate, type GatewayVariables } from './authenticate.ts'
import { createRequestObserver } from './createRequestObserver.ts'
import { createInferenceHandler } from './handleInference.ts'
import { createModelHandlers } from './handleModels.ts'
import { toErrorReply } from './toErrorReply.ts'

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
  const inference = { ...parameters, keyStore: parameters.keyStore }
  const models = createModelHandlers({
    models: config.models,
    catalog: parameters.catalog,
    cacheMs: 30_000,
    logger,
  })

  const observe = createRequestObserver(metrics)
  app.use('*', async function observeRequest(c, next) {
    const startedAtMs = performance.now()
    await next()
    observe(c.req.path, c.get('model') ?? '', c.res.status, c.get('isStream') ?? false, startedAtMs)
  })
  app.use('/v1/*', authenticate)
  // Inference bodies are read, and held to server.maxBodyBytes, by the handler (readClientBody).
  app.post('/v1/chat/completions', createInferenceHandler(inference, 'chat'))
  app.post('/v1/completions', createInferenceHandler(inference, 'completion'))
  app.post('/v1/embeddings', createInferenceHandler(inference, 'embeddings'))
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
    // Read only for unknown errors: `c.req.raw` builds the whole web Request.
    const isClientGone = () => (c.get('clientSignal') ?? c.req.raw.signal).aborted
    const { status, body, headers } = toErrorReply(error, { isClientGone, path: c.req.path, metrics, logger })
    if (!body) return c.body(null, status as ContentfulStatusCode)
    return c.json(body, status as ContentfulStatusCode, headers)
  })
  return app
}
