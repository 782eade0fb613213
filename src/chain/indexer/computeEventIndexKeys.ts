import { keccak256, stringToBytes } from 'viem'
import type { DecaiEvent, EventDimension, EventFilter } from './types.ts'

/**
 * Which event argument names feed which index dimension. The ledger's events name their fields after the
 * protocol's nouns, so one table serves every contract. Arguments one level down in a struct (a claim's
 * `header.sessionId`) count too.
 */
export const defaultDimensionsByArgName: Readonly<Record<string, EventDimension>> = {
  session: 'session',
  settledSession: 'session',
  sessionId: 'sessionId',
  serviceId: 'service',
  serviceKey: 'service',
  supplier: 'supplier',
  supplierOperator: 'supplier',
  operator: 'supplier',
  application: 'application',
  gateway: 'gateway',
  claimKey: 'claim',
}

const dimensions = ['session', 'sessionId', 'service', 'supplier', 'application', 'gateway', 'claim'] as const

/**
 * Lists the secondary-index keys of an event: one per dimension value it carries, plus its type and
 * contract. Hex values are lower-cased (lookups are case-insensitive); a service id becomes its service
 * key `keccak256(id)`, so events that carry either are found by the same query.
 *
 * @returns keys such as `session:12`, `supplier:0x12…`, `type:ClaimCreated`, `contract:Claims`
 * @example
 * computeEventIndexKeys(event) // ['supplier:0x…', 'type:SupplierStaked', 'contract:Suppliers']
 */
export function computeEventIndexKeys(
  event: Pick<DecaiEvent, 'args' | 'eventName' | 'contract'>,
  dimensionsByArgName: Readonly<Record<string, EventDimension>> = defaultDimensionsByArgName,
): string[] {
  const keys = new Set<string>()
  const visit = (args: Record<string, unknown>, depth: number) => {
    for (const [name, value] of Object.entries(args)) {
      const dimension = dimensionsByArgName[name]
      const key = dimension && dimensionKey(dimension, value)
      if (key) keys.add(key)
      else if (depth === 0 && isRecord(value)) visit(value, 1)
    }
  }
  visit(event.args, 0)
  keys.add(`type:${event.eventName}`)
  keys.add(`contract:${event.contract}`)
  return [...keys]
}

/**
 * The index key of one dimension value, or `undefined` for a value of the wrong shape.
 *
 * @example
 * dimensionKey('service', 'llama-tiny') // 'service:0x…' (the service key)
 */
export function dimensionKey(dimension: EventDimension, value: unknown): string | undefined {
  if (dimension === 'session') {
    return typeof value === 'bigint' || typeof value === 'number' ? `session:${value}` : undefined
  }
  if (typeof value !== 'string') return undefined
  if (dimension === 'service' && !value.startsWith('0x')) return `service:${keccak256(stringToBytes(value))}`
  return `${dimension}:${value.toLowerCase()}`
}

/**
 * The index keys a filter can be answered from (all must hold; the store scans the smallest).
 *
 * @returns keys for the dimensions, the single event name and the contract the filter sets
 * @example
 * computeFilterIndexKeys({ supplier: '0xAb…', eventName: 'ClaimCreated' }) // ['supplier:0xab…', 'type:ClaimCreated']
 */
export function computeFilterIndexKeys(filter: EventFilter): string[] {
  const keys: string[] = []
  for (const dimension of dimensions) {
    const key = filter[dimension] === undefined ? undefined : dimensionKey(dimension, filter[dimension])
    if (key) keys.push(key)
  }
  if (typeof filter.eventName === 'string') keys.push(`type:${filter.eventName}`)
  if (filter.contract !== undefined) keys.push(`contract:${filter.contract}`)
  return keys
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
