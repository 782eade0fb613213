import {
  computeEventIndexKeys,
  computeFilterIndexKeys,
  type defaultDimensionsByArgName,
} from './computeEventIndexKeys.ts'
import type { DecaiEvent, EventFilter } from './types.ts'

/**
 * Tells whether an event satisfies every field of a filter (used for subscriptions and to refine index scans).
 *
 * @returns `true` when the event matches
 * @example
 * matchesEventFilter(event, { supplier, fromBlock: 10n })
 */
export function matchesEventFilter(
  event: DecaiEvent,
  filter: EventFilter,
  dimensionsByArgName?: typeof defaultDimensionsByArgName,
): boolean {
  if (filter.fromBlock !== undefined && event.blockNumber < filter.fromBlock) return false
  if (filter.toBlock !== undefined && event.blockNumber > filter.toBlock) return false
  if (Array.isArray(filter.eventName) && !filter.eventName.includes(event.eventName)) return false
  const eventKeys = new Set(computeEventIndexKeys(event, dimensionsByArgName))
  return computeFilterIndexKeys(filter).every((key) => eventKeys.has(key))
}
