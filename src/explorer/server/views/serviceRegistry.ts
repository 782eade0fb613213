import type { Hex } from '../../../protocol/bytes/bytes.ts'
import type { ExplorerDataSource } from '../../ports.ts'
import { argArray, argHex, argString } from './eventArgs.ts'
import type { ViewContext } from './viewContext.ts'

/** A service as its events describe it. */
export type ServiceRecord = {
  serviceId: string
  serviceKey: Hex
  modelSha256: Hex
  modelUris: string[]
  /** Owners over time, oldest first: who was the champion from which block. */
  owners: { fromBlock: bigint; owner: Hex }[]
}

/** Services by service key (`keccak256(serviceId)`), the key most ledger events carry. */
export type ServiceRegistry = {
  byKey: Map<Hex, ServiceRecord>
  byId: Map<string, ServiceRecord>
  /** The champion of a service at a block. */
  championAt(serviceKey: Hex, blockNumber: bigint): Hex | undefined
}

/**
 * Rebuilds the service registry from `ServiceAdded`, `ServiceTransferred` and `ModelUrisChanged`: few
 * events, so every view can afford it.
 *
 * @param data - the data source
 * @returns the registry
 * @example
 * readServiceRegistry(data).byKey.get(event.args.serviceKey)?.serviceId
 */
export function readServiceRegistry(data: ExplorerDataSource): ServiceRegistry {
  const byKey = new Map<Hex, ServiceRecord>()
  const events = data.getEvents({
    contract: 'Services',
    eventName: ['ServiceAdded', 'ServiceTransferred', 'ModelUrisChanged'],
  })
  for (const event of events) {
    const key = argHex(event, 'serviceKey')
    if (event.eventName === 'ServiceAdded') {
      byKey.set(key, {
        serviceId: argString(event, 'serviceId'),
        serviceKey: key,
        modelSha256: argHex(event, 'modelSha256'),
        modelUris: [],
        owners: [{ fromBlock: event.blockNumber, owner: argHex(event, 'owner') }],
      })
      continue
    }
    const record = byKey.get(key)
    if (!record) continue
    if (event.eventName === 'ModelUrisChanged') record.modelUris = argArray(event, 'modelUris').map(String)
    else record.owners.push({ fromBlock: event.blockNumber, owner: argHex(event, 'to') })
  }
  const byId = new Map([...byKey.values()].map((record) => [record.serviceId, record]))
  return {
    byKey,
    byId,
    championAt(serviceKey, blockNumber) {
      const owners = byKey.get(serviceKey)?.owners ?? []
      return owners.filter((entry) => entry.fromBlock <= blockNumber).at(-1)?.owner
    },
  }
}

/**
 * The service registry for the current indexed height, shared by every view.
 *
 * @example
 * readRegistry(ctx).byId.get('llama-tiny')
 */
export function readRegistry(ctx: ViewContext): ServiceRegistry {
  return ctx.memo('registry', () => readServiceRegistry(ctx.data))
}
