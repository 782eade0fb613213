import type { ChainStatus } from '../../api/types.ts'
import type { ExplorerDataSource } from '../../ports.ts'

/**
 * Whether the indexer reaches the chain, as the API and the live stream report it.
 *
 * @param data - the data source
 * @returns `reachable`, or `unreachable` with since when and the error code
 * @example
 * if (readChainStatus(data).state === 'unreachable') showBanner()
 */
export function readChainStatus(data: Pick<ExplorerDataSource, 'getSyncStatus'>): ChainStatus {
  const { lastSyncedAtMs, failingSinceMs, errorCode } = data.getSyncStatus()
  if (failingSinceMs === null) return { state: 'reachable', lastSyncedAtMs }
  return { state: 'unreachable', sinceMs: failingSinceMs, lastSyncedAtMs, errorCode: errorCode ?? 'UNKNOWN' }
}
