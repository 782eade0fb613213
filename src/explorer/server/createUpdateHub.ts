import type { ChainStatus, StreamMessage } from '../api/types.ts'
import type { ExplorerDataSource, ExplorerEvent } from '../ports.ts'
import { readChainStatus } from './views/readChainStatus.ts'

/** Fans indexer activity out to the browsers connected to `/api/stream`. */
export type UpdateHub = {
  /** Adds a listener; returns its removal. */
  add(listener: (message: StreamMessage) => void): () => void
  /** How many listeners are connected. */
  size(): number
  close(): void
}

export type CreateUpdateHubParameters = {
  data: ExplorerDataSource
  /** How often to look for a new indexed height (when no event arrived) and a change of chain state. Default 1 s. */
  headPollMs?: number | undefined
}

/**
 * Creates the update hub. Events that arrive together (one indexer commit, one block) are coalesced into
 * one `events` message, so that a settlement batch triggers one refresh in each browser, not one per log;
 * a new indexed height without events becomes a `head` message, so the head height stays live. Each new
 * listener first gets a `chain` message with the chain's state, and all get one when the indexer loses or
 * regains the node: without it a dead node would look like a quiet chain.
 *
 * @param parameters - the data source and the head polling period
 * @returns the hub
 * @example
 * const hub = createUpdateHub({ data })
 * const remove = hub.add((message) => send(message))
 */
export function createUpdateHub(parameters: CreateUpdateHubParameters): UpdateHub {
  const { data } = parameters
  const listeners = new Set<(message: StreamMessage) => void>()
  let pending: ExplorerEvent[] = []
  let scheduled: NodeJS.Immediate | undefined
  let lastHeight = data.getIndexedHeight()
  let chain = readChainStatus(data)
  const chainMessage = (status: ChainStatus): StreamMessage => ({
    type: 'chain',
    indexedHeight: data.getIndexedHeight()?.toString() ?? null,
    chain: status,
  })
  const broadcast = (message: StreamMessage) => {
    for (const listener of listeners) listener(message)
  }
  const flush = () => {
    scheduled = undefined
    const events = pending
    pending = []
    lastHeight = data.getIndexedHeight()
    broadcast({
      type: 'events',
      indexedHeight: lastHeight?.toString() ?? null,
      eventNames: [...new Set(events.map((e) => e.eventName))],
      fromBlock: events[0]!.blockNumber.toString(),
      toBlock: events.at(-1)!.blockNumber.toString(),
    })
  }
  const unsubscribe = data.subscribe((event) => {
    // The indexer publishes a commit's events synchronously; flushing on the next turn groups them.
    if (pending.length === 0) scheduled = setImmediate(flush)
    pending.push(event)
  })
  const poll = setInterval(() => {
    const next = readChainStatus(data)
    if (hasChanged(chain, next)) broadcast(chainMessage(next))
    chain = next
    const height = data.getIndexedHeight()
    if (height === lastHeight || pending.length > 0) return
    lastHeight = height
    broadcast({ type: 'head', indexedHeight: height?.toString() ?? null })
  }, parameters.headPollMs ?? 1_000)
  poll.unref()
  return {
    add(listener) {
      listener(chainMessage(chain))
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    size: () => listeners.size,
    close() {
      // A flush still scheduled would read the data source after its owner closed it.
      if (scheduled) clearImmediate(scheduled)
      clearInterval(poll)
      unsubscribe()
      listeners.clear()
    },
  }
}

// A new outage (not its continuation) or a recovery; the sync time moving on is not news.
function hasChanged(before: ChainStatus, after: ChainStatus): boolean {
  if (before.state !== after.state) return true
  return before.state === 'unreachable' && after.state === 'unreachable' && before.sinceMs !== after.sinceMs
}
