import type { ServiceDetail, ServiceSummary } from '../../api/types.ts'
import { ExplorerNotFoundError } from '../../errors.ts'
import { toDifficultyPoint, toPricingView } from './difficultyPoint.ts'
import { downsampleBySession } from './downsampleBySession.ts'
import { argBigint, argHex, argString } from './eventArgs.ts'
import { readRegistry, type ServiceRecord } from './serviceRegistry.ts'
import type { ViewContext } from './viewContext.ts'

/**
 * Every service (model) on the ledger with its champion, current pricing and difficulty, and what its
 * champion has earned.
 *
 * @param ctx - the view context
 * @returns the services, in the order they were added
 * @example
 * readServices(ctx)[0].championEarnings
 */
export function readServices(ctx: ViewContext): ServiceSummary[] {
  return [...readRegistry(ctx).byKey.values()].map((record) => summarize(ctx, record))
}

/**
 * One service in detail: pricing and difficulty histories, the champion's earnings over time, suppliers.
 *
 * @param ctx - the view context
 * @param serviceId - the service id
 * @returns the service
 * @throws {ExplorerNotFoundError} when no such service was added
 * @example
 * readService(ctx, 'llama-tiny').difficultyHistory
 */
export function readService(ctx: ViewContext, serviceId: string): ServiceDetail {
  const record = readRegistry(ctx).byId.get(serviceId)
  if (!record) throw new ExplorerNotFoundError({ what: `service ${serviceId}` })
  const { data } = ctx
  return {
    ...summarize(ctx, record),
    pricingHistory: data.getEvents({ service: serviceId, eventName: 'PricingScheduled' }).map(toPricingView),
    difficultyHistory: data
      .getEvents({ service: serviceId, eventName: 'DifficultyUpdated' })
      .map(toDifficultyPoint),
    earnings: downsampleBySession(ctx.aggregates.read().services.get(serviceId)?.earnings ?? []),
    supplierList: readServiceSuppliers(ctx, serviceId),
  }
}

function summarize(ctx: ViewContext, record: ServiceRecord): ServiceSummary {
  const { data } = ctx
  const service = record.serviceId
  const [pricing] = data.getEvents({ service, eventName: 'PricingScheduled' }, { order: 'desc', limit: 1 })
  const [difficulty] = data.getEvents(
    { service, eventName: 'DifficultyUpdated' },
    { order: 'desc', limit: 1 },
  )
  const applications = new Set(
    data.getEvents({ service, eventName: 'ApplicationStaked' }).map((e) => argHex(e, 'application')),
  )
  const sums = ctx.aggregates.read().services.get(service)
  return {
    serviceId: service,
    serviceKey: record.serviceKey,
    champion: record.owners.at(-1)?.owner ?? '0x',
    modelSha256: record.modelSha256,
    modelUris: record.modelUris,
    pricing: pricing ? toPricingView(pricing) : null,
    difficulty: difficulty ? toDifficultyPoint(difficulty) : null,
    suppliers: readServiceSuppliers(ctx, service).length,
    applications: applications.size,
    settledClaims: sums?.settledClaims ?? 0,
    championEarnings: (sums?.championEarnings ?? 0n).toString(),
  }
}

/** Suppliers that added the service and have not removed it since, with their latest endpoint. */
function readServiceSuppliers(ctx: ViewContext, serviceId: string): ServiceDetail['supplierList'] {
  return ctx.memo(`service-suppliers:${serviceId}`, () => {
    const bySupplier = new Map<string, ServiceDetail['supplierList'][number]>()
    // By contract too: the service's own index also holds every claim made for it.
    const events = ctx.data.getEvents({
      contract: 'Suppliers',
      service: serviceId,
      eventName: ['SupplierServiceAdded', 'SupplierEndpointScheduled', 'SupplierServiceRemoved'],
    })
    for (const event of events) {
      const operator = argHex(event, 'operator')
      if (event.eventName === 'SupplierServiceRemoved') bySupplier.delete(operator)
      else if (event.eventName === 'SupplierServiceAdded')
        bySupplier.set(operator, {
          operator,
          endpoint: argString(event, 'endpoint'),
          fromSession: argBigint(event, 'fromSession').toString(),
        })
      else {
        const entry = bySupplier.get(operator)
        if (entry) entry.endpoint = argString(event, 'endpoint')
      }
    }
    return [...bySupplier.values()]
  })
}
