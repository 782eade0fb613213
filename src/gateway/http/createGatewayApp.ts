import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from 'pino'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import type { GatewayConfig } from '../config/loadGatewayConfig.ts'
import { UnsupportedEndpointError } from '../errors.ts'
import type { RateLimiter } from '../keys/createRateLimiter.ts'
import type { KeyStore } from '../keys/openKeyStore.ts'
import type { GatewayMetrics } from '../metrics/createGatewayMetrics.ts'
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
    // The client went away before an answer: nothing to send, and not the gateway's failure (nginx's 499).
    if (!(error instanceof BaseError) && (c.get('clientSignal') ?? c.req.raw.signal).aborted) {
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

// Counters and histograms bound to their labels once per label set: prom-client otherwise hashes the
// label object on every request.
function createRequestObserver(metrics: GatewayMetrics) {
  const counters = new Map<string, { inc(): void }>()
  const histograms = new Map<string, { observe(seconds: number): void }>()
  return (path: string, model: string, status: number, isStream: boolean, startedAtMs: number) => {
    const endpoint = routeLabel(path)
    const counterKey = `${endpoint} ${model} ${status}`
    let counter = counters.get(counterKey)
    if (!counter) {
      counter = metrics.requests.labels({ endpoint, model, status: String(status) })
      counters.set(counterKey, counter)
    }
    counter.inc()
    const histogramKey = `${endpoint} ${isStream}`
    let histogram = histograms.get(histogramKey)
    if (!histogram) {
      histogram = metrics.duration.labels({ endpoint, stream: String(isStream) })
      histograms.set(histogramKey, histogram)
    }
    histogram.observe((performance.now() - startedAtMs) / 1000)
  }
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
