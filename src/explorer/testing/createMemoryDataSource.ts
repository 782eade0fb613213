import type { Hex } from '../../protocol/bytes/bytes.ts'
import { sessionParamsPresets } from '../../protocol/session/sessionParamsPresets.ts'
import type {
  ExplorerDataSource,
  ExplorerEvent,
  ExplorerEventQuery,
  ExplorerNetwork,
  ExplorerSyncStatus,
} from '../ports.ts'
import { argsOf, createMemoryEventIndex } from './createMemoryEventIndex.ts'

export type MemoryDataSource = ExplorerDataSource & {
  /** Appends events (as an indexer commit would) and notifies subscribers. */
  push(...events: Omit<ExplorerEvent, 'id'>[]): void
  setIndexedHeight(height: bigint | undefined): void
  /** Drops the events after `block` (a reorg as the indexer sees it: it re-indexes from there). */
  rewindTo(block: bigint): void
  /** Sets what `getSyncStatus()` answers (default: synced at 0, not failing). */
  setSyncStatus(status: ExplorerSyncStatus): void
}

/**
 * An in-memory {@link ExplorerDataSource} for unit tests of the views and the server (and the explorer
 * bench): events are kept in (block, log index) order with secondary indexes and filtered like the chain
 * indexer does, except that `service` matches a `serviceId` argument
 * only (the indexer also matches the service key). The chain reads
 * answer fixed values.
 *
 * @example
 * const data = createMemoryDataSource(); data.push({ eventName: 'ClaimSettled', … })
 */
export function createMemoryDataSource(overrides: Partial<ExplorerNetwork> = {}): MemoryDataSource {
  const index = createMemoryEventIndex()
  const listeners = new Set<(event: ExplorerEvent) => void>()
  let indexedHeight: bigint | undefined
  let syncStatus: ExplorerSyncStatus = { lastSyncedAtMs: 0, failingSinceMs: null, errorCode: null }
  const network: ExplorerNetwork = {
    chainId: 31337,
    deployBlock: 1n,
    contracts: { proofs: `0x${'22'.repeat(20)}` },
    sessionParams: sessionParamsPresets.devnet,
    tokenDecimals: 6,
    ...overrides,
  }
  return {
    network,
    getSessionParams: async () => network.sessionParams,
    getHead: async () => ({ blockNumber: indexedHeight ?? 1n, timestampMs: 0 }),
    getBlockTimestampMs: async (blockNumber) => Number(blockNumber) * 1000,
    getIndexedHeight: () => indexedHeight,
    getSyncStatus: () => syncStatus,
    getEvents(query = {}, options = {}) {
      const candidates = index.candidates(query)
      const limit = options.limit ?? Number.POSITIVE_INFINITY
      const found: ExplorerEvent[] = []
      const isDesc = options.order === 'desc'
      for (let i = 0; i < candidates.length && found.length < limit; i++) {
        const event = candidates[isDesc ? candidates.length - 1 - i : i]!
        if (matches(event, query)) found.push(event)
      }
      return found
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    getSessionMembers: async ({ candidates }) => ({
      sessionId: `0x${'33'.repeat(32)}`,
      numSuppliers: BigInt(candidates.length),
      members: candidates.map((operator) => ({ operator, endpoint: 'http://supplier.test' })),
    }),
    getSubmittedProof: async () => undefined,
    push(...added) {
      for (const event of added) {
        const stored = { ...event, id: `${event.blockNumber}:${event.logIndex}` }
        index.add(stored)
        indexedHeight = event.blockNumber > (indexedHeight ?? -1n) ? event.blockNumber : indexedHeight
        for (const listener of listeners) listener(stored)
      }
    },
    setIndexedHeight(height) {
      indexedHeight = height
    },
    rewindTo(block) {
      const kept = index.all().filter((event) => event.blockNumber <= block)
      index.clear()
      for (const event of kept) index.add(event)
      indexedHeight = block
    },
    setSyncStatus(status) {
      syncStatus = status
    },
  }
}

const dimensions = Object.entries(argsOf)

function matches(event: ExplorerEvent, query: ExplorerEventQuery): boolean {
  if (query.fromBlock !== undefined && event.blockNumber < query.fromBlock) return false
  if (query.toBlock !== undefined && event.blockNumber > query.toBlock) return false
  if (query.contract !== undefined && event.contract !== query.contract) return false
  if (query.eventName !== undefined) {
    const names = typeof query.eventName === 'string' ? [query.eventName] : query.eventName
    if (!names.includes(event.eventName)) return false
  }
  for (const [dimension, names] of dimensions) {
    const wanted = query[dimension as keyof ExplorerEventQuery]
    if (wanted === undefined) continue
    const values = names.map(
      (name) => event.args[name] ?? (event.args.header as Record<string, unknown> | undefined)?.[name],
    )
    if (!values.some((value) => same(value, wanted))) return false
  }
  return true
}

function same(value: unknown, wanted: unknown): boolean {
  if (typeof value === 'string' && typeof wanted === 'string')
    return value.toLowerCase() === wanted.toLowerCase()
  return value === wanted
}

/**
 * Builds an event with defaults for the fields a test does not care about.
 *
 * @example
 * memoryEvent({ blockNumber: 5n, logIndex: 0, contract: 'Settlement', eventName: 'ClaimSettled', args: {…} })
 */
export function memoryEvent(
  event: Pick<ExplorerEvent, 'blockNumber' | 'logIndex' | 'contract' | 'eventName' | 'args'> & {
    transactionHash?: Hex
  },
): Omit<ExplorerEvent, 'id'> {
  return { transactionHash: `0x${'ab'.repeat(32)}`, ...event }
}
