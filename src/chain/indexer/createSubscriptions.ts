import type { Logger } from 'pino'
import { matchesEventFilter } from './matchesEventFilter.ts'
import type { DecaiEvent, EventFilter } from './types.ts'

export type Subscriptions = {
  /** Calls `listener` for each newly indexed event that matches `filter`; returns the unsubscribe function. */
  subscribe: (filter: EventFilter, listener: (event: DecaiEvent) => void) => () => void
  /** Resolves once the indexer has stored every block up to `blockNumber`. */
  waitForBlock: (blockNumber: bigint, options?: { timeoutMs?: number | undefined }) => Promise<void>
  /** Called by the indexer after each commit. */
  publish: (events: readonly DecaiEvent[], checkpoint: bigint) => void
  /** Rejects pending waits (the indexer stopped). */
  closeAll: (reason: Error) => void
}

type Waiter = { blockNumber: bigint; resolve: () => void; reject: (e: Error) => void }

/**
 * Creates the indexer's in-process fan-out: event subscriptions with filters, and waits on the checkpoint.
 * A listener that throws is logged and does not stop the indexer or other listeners.
 *
 * @returns {@link Subscriptions}
 * @example
 * const subs = createSubscriptions({ logger, getCheckpoint: () => store.getCheckpoint()?.blockNumber })
 */
export function createSubscriptions(parameters: {
  logger: Logger
  getCheckpoint: () => bigint | undefined
  timeoutError: (blockNumber: bigint, timeoutMs: number) => Error
}): Subscriptions {
  const listeners = new Set<{ filter: EventFilter; listener: (event: DecaiEvent) => void }>()
  const waiters = new Set<Waiter>()
  return {
    subscribe(filter, listener) {
      const entry = { filter, listener }
      listeners.add(entry)
      return () => void listeners.delete(entry)
    },
    waitForBlock(blockNumber, { timeoutMs } = {}) {
      if ((parameters.getCheckpoint() ?? -1n) >= blockNumber) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => fail(parameters.timeoutError(blockNumber, timeoutMs)), timeoutMs)
        const done = () => {
          clearTimeout(timer)
          waiters.delete(waiter)
        }
        const fail = (error: Error) => {
          done()
          reject(error)
        }
        const succeed = () => {
          done()
          resolve()
        }
        const waiter: Waiter = { blockNumber, resolve: succeed, reject: fail }
        waiters.add(waiter)
      })
    },
    publish(events, checkpoint) {
      for (const event of events) {
        for (const { filter, listener } of listeners) {
          if (!matchesEventFilter(event, filter)) continue
          try {
            listener(event)
          } catch (err) {
            parameters.logger.error({ err, eventId: event.id }, 'event listener threw; fix the subscriber')
          }
        }
      }
      for (const waiter of waiters) if (waiter.blockNumber <= checkpoint) waiter.resolve()
    },
    closeAll(reason) {
      for (const waiter of waiters) waiter.reject(reason)
    },
  }
}
