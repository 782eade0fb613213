import type { DecaiEvent, EventDimension, EventFilter } from './types.ts'

/**
 * Which event argument names feed which index dimension. Events name their fields after the protocol's
 * nouns (`sessionId`, `supplier`, `serviceId`, `application`, `gateway`), so one table serves all contracts.
 */
export const defaultDimensionsByArgName: Readonly<Record<string, EventDimension>> = {
  sessionId: 'session',
  session: 'session',
  supplier: 'supplier',
  supplierOperator: 'supplier',
  serviceId: 'service',
  service: 'service',
  application: 'application',
  app: 'application',
  gateway: 'gateway',
}

/**
 * Lists the secondary-index keys of an event: one per dimension value it carries, plus its type and
 * contract. Addresses and hashes are lower-cased so that lookups are case-insensitive.
 *
 * @returns keys such as `session:0xab…`, `supplier:0x12…`, `type:ClaimSubmitted`, `contract:Claims`
 * @example
 * computeEventIndexKeys(event) // ['supplier:0x…', 'type:SupplierStaked', 'contract:Staking']
 */
export function computeEventIndexKeys(
  event: Pick<DecaiEvent, 'args' | 'eventName' | 'contract'>,
  dimensionsByArgName: Readonly<Record<string, EventDimension>> = defaultDimensionsByArgName,
): string[] {
  const keys = new Set<string>()
  for (const [name, value] of Object.entries(event.args)) {
    const dimension = dimensionsByArgName[name]
    if (dimension && typeof value === 'string') keys.add(dimensionKey(dimension, value))
  }
  keys.add(`type:${event.eventName}`)
  keys.add(`contract:${event.contract}`)
  return [...keys]
}

/** The index key of one dimension value. */
export function dimensionKey(dimension: EventDimension, value: string): string {
  return `${dimension}:${dimension === 'service' ? value : value.toLowerCase()}`
}

/**
 * The index keys a filter can be answered from (all must hold; the store scans the smallest).
 *
 * @returns keys for the dimension, single event name and contract fields the filter sets
 * @example
 * computeFilterIndexKeys({ supplier: '0xAb…', eventName: 'ClaimSubmitted' }) // ['supplier:0xab…', 'type:ClaimSubmitted']
 */
export function computeFilterIndexKeys(filter: EventFilter): string[] {
  const keys: string[] = []
  for (const dimension of ['session', 'supplier', 'service', 'application', 'gateway'] as const) {
    const value = filter[dimension]
    if (value !== undefined) keys.push(dimensionKey(dimension, value))
  }
  if (typeof filter.eventName === 'string') keys.push(`type:${filter.eventName}`)
  if (filter.contract !== undefined) keys.push(`contract:${filter.contract}`)
  return keys
}
