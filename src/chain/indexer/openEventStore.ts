import { type Database, open, type RootDatabase } from 'lmdb'
import { ChainIndexerError } from '../errors/indexer.ts'
import {
  computeEventIndexKeys,
  computeFilterIndexKeys,
  type defaultDimensionsByArgName,
} from './computeEventIndexKeys.ts'
import { matchesEventFilter } from './matchesEventFilter.ts'
import type { DecaiEvent, EventFilter, IndexerCheckpoint } from './types.ts'

export type EventStoreQueryOptions = { limit?: number | undefined; order?: 'asc' | 'desc' | undefined }

export type EventStore = {
  getCheckpoint: () => IndexerCheckpoint | undefined
  /** The deployment identity the store was filled from (see the indexer). */
  getIdentity: () => string | undefined
  /** Stores events and advances the checkpoint in one transaction, so a crash never splits them. */
  commit: (events: readonly DecaiEvent[], checkpoint: IndexerCheckpoint) => Promise<void>
  /** Deletes every event after `blockNumber` and moves the checkpoint back to it (reorgs). */
  rewind: (checkpoint: IndexerCheckpoint) => Promise<void>
  /** Empties the store and records a new identity. */
  reset: (identity: string) => Promise<void>
  getEvents: (filter?: EventFilter, options?: EventStoreQueryOptions) => DecaiEvent[]
  getEvent: (id: string) => DecaiEvent | undefined
  close: () => Promise<void>
}

type EventKey = [number, number]

/**
 * Opens (or creates) the indexer's embedded store: an lmdb environment with the events keyed by
 * `[blockNumber, logIndex]`, a sorted multi-value index from `dimension:value` to event keys, and the
 * checkpoint. Several processes may read it at once; one indexer writes.
 *
 * Why lmdb: reads are synchronous and zero-copy (the explorer queries it per request), writes are ACID
 * transactions, and it is already a dependency of the relayminer's session trees.
 *
 * @param parameters the directory to keep it in
 * @returns the {@link EventStore}
 * @throws {ChainIndexerError} when the directory cannot be opened
 * @example
 * const store = openEventStore({ path: '.data/indexer' })
 * store.getEvents({ supplier, eventName: 'ClaimSubmitted' }, { limit: 20, order: 'desc' })
 */
export function openEventStore(parameters: {
  path: string
  dimensionsByArgName?: typeof defaultDimensionsByArgName | undefined
}): EventStore {
  const root = openRoot(parameters.path)
  const events: Database<DecaiEvent, EventKey> = root.openDB('events', {})
  const index: Database<EventKey, string> = root.openDB('index', {
    dupSort: true,
    encoding: 'ordered-binary',
  })
  let isClosed = false
  const guard = () => {
    if (isClosed) throw new ChainIndexerError({ reason: 'the event store was used after close()' })
  }
  const read = <T>(key: string) => {
    guard()
    return root.get(key) as T | undefined
  }
  const keyOf = (event: DecaiEvent): EventKey => [Number(event.blockNumber), event.logIndex]
  const write = async (fn: () => void) => {
    guard()
    try {
      await root.transaction(fn)
    } catch (cause) {
      throw new ChainIndexerError({ reason: 'cannot write the event store; check disk space', cause })
    }
  }
  return {
    getCheckpoint: () => read<IndexerCheckpoint>('checkpoint'),
    getIdentity: () => read<string>('identity'),
    commit: (batch, checkpoint) =>
      write(() => {
        for (const event of batch) {
          events.put(keyOf(event), event)
          for (const key of computeEventIndexKeys(event, parameters.dimensionsByArgName))
            index.put(key, keyOf(event))
        }
        root.put('checkpoint', checkpoint)
      }),
    rewind: (checkpoint) =>
      write(() => {
        for (const { key, value } of events.getRange({ start: [Number(checkpoint.blockNumber) + 1] })) {
          for (const indexKey of computeEventIndexKeys(value, parameters.dimensionsByArgName))
            index.remove(indexKey, key)
          events.remove(key)
        }
        root.put('checkpoint', checkpoint)
      }),
    reset: (identity) =>
      write(() => {
        events.clearSync()
        index.clearSync()
        root.remove('checkpoint')
        root.put('identity', identity)
      }),
    getEvents: (filter = {}, options = {}) => {
      guard()
      return queryEvents(events, index, filter, options, parameters.dimensionsByArgName)
    },
    getEvent: (id) => {
      guard()
      const [block, logIndex] = id.split(':').map(Number)
      return events.get([block ?? -1, logIndex ?? -1])
    },
    close: async () => {
      if (isClosed) return
      isClosed = true
      await root.close()
    },
  }
}

function openRoot(path: string): RootDatabase {
  try {
    // bigint extension: event arguments are uint256 values that msgpack's 64-bit integers cannot hold.
    // (a msgpackr option that lmdb passes through but does not declare in its types)
    const encoderOptions = { useBigIntExtension: true } as object
    return open({ path, compression: false, ...encoderOptions })
  } catch (cause) {
    throw new ChainIndexerError({ reason: `cannot open the event store at ${path}`, cause })
  }
}

function queryEvents(
  events: Database<DecaiEvent, EventKey>,
  index: Database<EventKey, string>,
  filter: EventFilter,
  { limit = Number.POSITIVE_INFINITY, order = 'asc' }: EventStoreQueryOptions,
  dimensionsByArgName: typeof defaultDimensionsByArgName | undefined,
): DecaiEvent[] {
  const reverse = order === 'desc'
  const range = blockRange(filter, reverse)
  const keys = computeFilterIndexKeys(filter)
  // Scan the most selective index; the other conditions are checked on each candidate.
  const smallest = keys.sort((a, b) => index.getValuesCount(a) - index.getValuesCount(b))[0]
  const candidates: Iterable<DecaiEvent | undefined> =
    smallest === undefined
      ? events.getRange({ ...range, reverse }).map(({ value }) => value)
      : index.getValues(smallest, { ...range, reverse }).map((key) => events.get(key))
  const out: DecaiEvent[] = []
  for (const event of candidates) {
    if (out.length >= limit) break
    if (event && matchesEventFilter(event, filter, dimensionsByArgName)) out.push(event)
  }
  return out
}

// Keys are [block, logIndex]; [block] sorts before every key of that block and [block + 1] after them all.
function blockRange({ fromBlock, toBlock }: EventFilter, reverse: boolean) {
  const low = fromBlock === undefined ? undefined : [Number(fromBlock)]
  const high = toBlock === undefined ? undefined : [Number(toBlock) + 1]
  return reverse ? { start: high, end: low } : { start: low, end: high }
}
