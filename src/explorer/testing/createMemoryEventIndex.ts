import type { ExplorerEvent, ExplorerEventQuery } from '../ports.ts'

/** Argument names that carry each query dimension, as the chain indexer maps them. */
export const argsOf: Record<string, readonly string[]> = {
  session: ['session', 'settledSession'],
  supplier: ['supplier', 'supplierOperator', 'operator'],
  application: ['application'],
  gateway: ['gateway'],
  claim: ['claimKey'],
  service: ['serviceId'],
}

/** Events in (block, log index) order with secondary indexes, like the chain indexer's store. */
export type MemoryEventIndex = {
  add(event: ExplorerEvent): void
  /** Events of the smallest posting list the query names (a superset of the matches), in order. */
  candidates(query: ExplorerEventQuery): readonly ExplorerEvent[]
  /** Every event, in order. */
  all(): readonly ExplorerEvent[]
  clear(): void
}

/**
 * Creates the in-memory store behind the memory data source. Why indexes in a test fixture: the chain
 * indexer answers a query from its most selective index, so a fixture that scanned every event for every
 * query would make the views' cost on a long chain (what the explorer bench measures) look nothing like it.
 *
 * @returns the index
 * @example
 * const index = createMemoryEventIndex(); index.add(event); index.candidates({ supplier })
 */
export function createMemoryEventIndex(): MemoryEventIndex {
  const everything: ExplorerEvent[] = []
  let postings = new Map<string, ExplorerEvent[]>()
  return {
    add(event) {
      insertOrdered(everything, event)
      for (const key of eventKeys(event)) {
        const list = postings.get(key) ?? []
        if (list.length === 0) postings.set(key, list)
        insertOrdered(list, event)
      }
    },
    candidates(query) {
      let smallest: readonly ExplorerEvent[] = everything
      for (const key of queryKeys(query)) {
        const list = postings.get(key) ?? []
        if (list.length < smallest.length) smallest = list
      }
      return sliceBlocks(smallest, query.fromBlock, query.toBlock)
    },
    all: () => everything,
    clear() {
      everything.length = 0
      postings = new Map()
    },
  }
}

const keyOf = (dimension: string, value: unknown) =>
  `${dimension}:${typeof value === 'string' ? value.toLowerCase() : String(value)}`

function eventKeys(event: ExplorerEvent): Set<string> {
  const keys = new Set([`type:${event.eventName}`, `contract:${event.contract}`])
  const header = event.args.header as Record<string, unknown> | undefined
  for (const [dimension, names] of Object.entries(argsOf))
    for (const name of names) {
      const value = event.args[name] ?? header?.[name]
      if (value !== undefined) keys.add(keyOf(dimension, value))
    }
  return keys
}

function queryKeys(query: ExplorerEventQuery): string[] {
  const keys = Object.keys(argsOf)
    .filter((dimension) => query[dimension as keyof ExplorerEventQuery] !== undefined)
    .map((dimension) => keyOf(dimension, query[dimension as keyof ExplorerEventQuery]))
  if (typeof query.eventName === 'string') keys.push(`type:${query.eventName}`)
  if (query.contract !== undefined) keys.push(`contract:${query.contract}`)
  return keys
}

const compare = (a: ExplorerEvent, b: ExplorerEvent) =>
  a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1

// Appends in the common case (events arrive in order); an earlier event goes after its equals.
function insertOrdered(list: ExplorerEvent[], event: ExplorerEvent): void {
  const last = list.at(-1)
  if (!last || compare(last, event) <= 0) {
    list.push(event)
    return
  }
  list.splice(
    firstIndex(list, (e) => compare(e, event) > 0),
    0,
    event,
  )
}

/** The first index whose event satisfies `isPast` (a predicate monotone over the ordered list). */
function firstIndex(list: readonly ExplorerEvent[], isPast: (e: ExplorerEvent) => boolean): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (isPast(list[mid]!)) high = mid
    else low = mid + 1
  }
  return low
}

function sliceBlocks(list: readonly ExplorerEvent[], from?: bigint, to?: bigint): readonly ExplorerEvent[] {
  if (from === undefined && to === undefined) return list
  const start = from === undefined ? 0 : firstIndex(list, (e) => e.blockNumber >= from)
  const end = to === undefined ? list.length : firstIndex(list, (e) => e.blockNumber > to)
  return list.slice(start, end)
}
