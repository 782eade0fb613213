import type { ExplorerDataSource } from '../ports.ts'
import { createGatewayProbe } from '../server/upstreams/createGatewayProbe.ts'
import { createWatcherClient } from '../server/upstreams/createWatcherClient.ts'
import { createRunningTotals } from '../server/views/createRunningTotals.ts'
import { createViewContext, type ViewContext } from '../server/views/viewContext.ts'

/**
 * A view context over `data` with no gateway and no watcher configured, for unit tests of the views.
 *
 * @example
 * const ctx = createMemoryViewContext(createMemoryDataSource())
 */
export function createMemoryViewContext(data: ExplorerDataSource): ViewContext {
  return createViewContext({
    data,
    gateway: createGatewayProbe({ url: undefined }),
    watcher: createWatcherClient({ url: undefined }),
    totals: createRunningTotals(data),
  })
}
