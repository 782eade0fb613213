import type { ExplorerDataSource, ExplorerEvent } from '../../ports.ts'

/** How to fold the index's events into a value: what running totals and aggregates are made of. */
export type RunningFoldSpec<F> = {
  /** The events the fold reads (any others are never passed to `add`). */
  eventNames: readonly string[]
  empty(): F
  /** Adds one event, oldest first. */
  add(fold: F, event: ExplorerEvent): void
}

/** A value folded from every indexed event, kept up to date from newly indexed events only. */
export type RunningFold<F> = {
  /** The fold over everything indexed now. */
  read(): F
  /** Stops following the data source. */
  close(): void
}

type State<F> = { fold: F; last: ExplorerEvent | undefined; pending: ExplorerEvent[] }

// Beyond this many events waiting for a read, a full scan on the next read is as cheap and holds no memory.
const maxPending = 100_000

/**
 * Creates a running fold: one scan of the index on the first read, then the events indexed since are
 * queued as they arrive and added on the next read. An event at or before the last one seen means the
 * indexer went back (a reorg, or a commit that was scanned before it was published); a seen event that is
 * no longer indexed means a reorg dropped it. Either way the next read scans again, so the fold always
 * equals a full scan of the index.
 *
 * @param data - the data source
 * @param spec - the fold
 * @returns the running fold
 * @example
 * const claims = createRunningFold(data, { eventNames: ['ClaimCreated'], empty: () => ({ n: 0 }), add: (f) => void f.n++ })
 */
export function createRunningFold<F>(data: ExplorerDataSource, spec: RunningFoldSpec<F>): RunningFold<F> {
  const names = new Set(spec.eventNames)
  let state: State<F> | undefined
  const unsubscribe = data.subscribe((event) => {
    if (!state) return
    const newest = state.pending.at(-1) ?? state.last
    if ((newest && !isAfter(event, newest)) || state.pending.length >= maxPending) state = undefined
    else state.pending.push(event)
  })
  return {
    read() {
      if (!state || !isStillIndexed(data, state)) state = scan(data, spec)
      for (const event of state.pending) {
        if (names.has(event.eventName)) spec.add(state.fold, event)
        state.last = event
      }
      state.pending = []
      return state.fold
    },
    close: unsubscribe,
  }
}

/**
 * The fold from a full scan of the index: what the running fold must always equal.
 *
 * @example
 * expect(running.read()).toEqual(scanFold(data, spec))
 */
export function scanFold<F>(data: ExplorerDataSource, spec: RunningFoldSpec<F>): F {
  return scan(data, spec).fold
}

function scan<F>(data: ExplorerDataSource, spec: RunningFoldSpec<F>): State<F> {
  const state: State<F> = { fold: spec.empty(), last: undefined, pending: [] }
  // The newest event first: read before the others, so anything indexed meanwhile counts as new.
  const [last] = data.getEvents({}, { order: 'desc', limit: 1 })
  if (!last) return state
  // One query per event name: each is answered from its own index instead of a walk through every event.
  const events = spec.eventNames
    .flatMap((eventName) => data.getEvents({ eventName, toBlock: last.blockNumber }))
    .sort((a, b) => (isAfter(a, b) ? 1 : isAfter(b, a) ? -1 : 0))
  for (const event of events) if (!isAfter(event, last)) spec.add(state.fold, event)
  state.last = last
  return state
}

const isAfter = (event: ExplorerEvent, than: ExplorerEvent) =>
  event.blockNumber > than.blockNumber ||
  (event.blockNumber === than.blockNumber && event.logIndex > than.logIndex)

// A reorg that only removed events publishes nothing: an event seen before is then gone from the index.
function isStillIndexed<F>(data: ExplorerDataSource, state: State<F>): boolean {
  const { last, pending } = state
  if (!last && pending.length === 0) return data.getEvents({}, { limit: 1 }).length === 0
  const seen = last ? [last, ...pending] : pending
  const blocks = new Set(seen.map((event) => event.blockNumber))
  for (const block of blocks) {
    const indexed = new Set(
      data.getEvents({ fromBlock: block, toBlock: block }).map((e) => `${e.id}/${e.transactionHash}`),
    )
    for (const event of seen)
      if (event.blockNumber === block && !indexed.has(`${event.id}/${event.transactionHash}`)) return false
  }
  return true
}
