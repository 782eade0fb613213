import type { Context } from 'hono'
import type { Logger } from 'pino'
import { ModelNotFoundError } from '../errors.ts'
import type { ServiceCatalog, ServiceInfo } from '../ports.ts'

/** One entry of `GET /v1/models`: OpenAI's fields plus what the ledger says about the service. */
export type ModelEntry = {
  id: string
  object: 'model'
  created: number
  /** The model champion's address. */
  owned_by: string
  decai: {
    serviceId: string
    champion: string
    pricing: { cuPerRequest: string; cuPerInputToken: string; cuPerOutputToken: string } | null
    artifact: { sha256: string; uris: readonly string[]; license: string }
  }
}

/**
 * Creates `GET /v1/models` and `GET /v1/models/:model`: every model name the gateway serves (service
 * ids and configured aliases) with the service's champion, pricing and model artifact read from the
 * ledger. Ledger reads are cached for `cacheMs`; a service the ledger cannot describe right now is
 * still listed, without its `decai` details.
 *
 * @param options - model map, service catalog, cache lifetime, logger
 * @returns the list and get handlers
 * @example
 * const models = createModelHandlers({ models: config.models, catalog, cacheMs: 30_000, logger })
 * app.get('/v1/models', models.list)
 */
export function createModelHandlers(options: {
  models: Readonly<Record<string, string>>
  catalog: ServiceCatalog
  cacheMs: number
  logger: Logger
  nowMs?: () => number
}) {
  const nowMs = options.nowMs ?? Date.now
  let cached: { atMs: number; entries: Promise<ModelEntry[]> } | undefined
  const load = async (): Promise<ModelEntry[]> => {
    const serviceIds = [...new Set(Object.values(options.models))]
    const services = new Map<string, ServiceInfo | undefined>()
    await Promise.all(
      serviceIds.map(async (serviceId) => {
        try {
          services.set(serviceId, await options.catalog.getService(serviceId))
        } catch (error) {
          options.logger.warn({ err: error, serviceId }, 'cannot read service from the ledger')
        }
      }),
    )
    return Object.entries(options.models).map(([model, serviceId]) =>
      toEntry(model, serviceId, services.get(serviceId)),
    )
  }
  const entries = () => {
    if (!cached || nowMs() - cached.atMs > options.cacheMs) cached = { atMs: nowMs(), entries: load() }
    return cached.entries
  }
  return {
    async list(c: Context) {
      return c.json({ object: 'list', data: await entries() })
    },
    async get(c: Context) {
      const model = c.req.param('model') ?? ''
      const entry = (await entries()).find((candidate) => candidate.id === model)
      if (!entry) throw new ModelNotFoundError({ model })
      return c.json(entry)
    },
  }
}

function toEntry(model: string, serviceId: string, service: ServiceInfo | undefined): ModelEntry {
  const base = { id: model, object: 'model' as const, created: 0, owned_by: service?.owner ?? 'decai' }
  if (!service) return base as ModelEntry
  return {
    ...base,
    decai: {
      serviceId,
      champion: service.owner,
      pricing: service.pricing
        ? {
            cuPerRequest: service.pricing.cuPerRequest.toString(),
            cuPerInputToken: service.pricing.cuPerInputToken.toString(),
            cuPerOutputToken: service.pricing.cuPerOutputToken.toString(),
          }
        : null,
      artifact: { sha256: service.modelSha256, uris: service.modelUris, license: service.license },
    },
  }
}
