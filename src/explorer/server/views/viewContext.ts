import type { ExplorerDataSource } from '../../ports.ts'
import type { GatewayProbe } from '../upstreams/createGatewayProbe.ts'
import type { WatcherClient } from '../upstreams/createWatcherClient.ts'
import { type Aggregates, createRunningAggregates } from './createRunningAggregates.ts'
import { type ApplicationFolds, createRunningApplications } from './createRunningApplications.ts'
import type { RunningFold } from './createRunningFold.ts'
import type { RunningTotals } from './createRunningTotals.ts'
import { readRegistry } from './serviceRegistry.ts'

/** What every view reads through: the data source, the upstream APIs, and a cache for one indexed height. */
export type ViewContext = {
  data: ExplorerDataSource
  gateway: GatewayProbe
  watcher: WatcherClient
  /** Token totals and participant counts, kept event by event. */
  totals: RunningTotals
  /** Settlements and per-supplier and per-service sums, kept event by event (close it with the server). */
  aggregates: RunningFold<Aggregates>
  /** Every application's stake, burns, gateways and series, kept event by event (close it with the server). */
  applications: RunningFold<ApplicationFolds>
  /** Computes `key` once per indexed height (views share aggregates such as all settlements). */
  memo<T>(key: string, compute: () => T): T
  /**
   * Computes `key` once for the life of the server: for values derived from one indexed event, which never
   * change (the key must name the event by id and transaction hash, so a reorg gives a new key).
   */
  remember<T>(key: string, compute: () => T): T
}

// Bounds the per-event cache; beyond it the oldest entries are recomputed when asked for again.
const maxRemembered = 100_000

/**
 * Creates a view context whose cache is dropped whenever the indexer stores a new block, so views are
 * never staler than the index and a page's parallel requests compute shared aggregates once.
 *
 * @param parameters - the data source and the upstream clients
 * @returns the context
 * @example
 * const ctx = createViewContext({ data, gateway, watcher })
 * ctx.memo('registry', () => readServiceRegistry(data))
 */
export function createViewContext(
  parameters: Omit<ViewContext, 'memo' | 'remember' | 'aggregates' | 'applications'>,
): ViewContext {
  const { data } = parameters
  let height: bigint | undefined
  let cache = new Map<string, unknown>()
  const remembered = new Map<string, unknown>()
  const ctx: ViewContext = {
    ...parameters,
    aggregates: createRunningAggregates(data, () => readRegistry(ctx)),
    applications: createRunningApplications(data),
    remember<T>(key: string, compute: () => T): T {
      if (!remembered.has(key)) {
        remembered.set(key, compute())
        if (remembered.size > maxRemembered) remembered.delete(remembered.keys().next().value as string)
      }
      return remembered.get(key) as T
    },
    memo<T>(key: string, compute: () => T): T {
      const now = data.getIndexedHeight()
      if (now !== height) {
        height = now
        cache = new Map()
      }
      if (!cache.has(key)) cache.set(key, compute())
      return cache.get(key) as T
    },
  }
  return ctx
}
