import { BackendBusyError, BackendClosedError, InferenceAbortedError } from '../errors.ts'

/** Hands out a fixed set of items (context sequences) one request at a time, FIFO beyond that. */
export type SequencePool<T> = {
  /** Waits for a free item; rejects when the queue is full, the signal fires or the pool closes. */
  acquire(signal?: AbortSignal): Promise<T>
  release(item: T): void
  /** Rejects every waiter; later `acquire` calls reject too. */
  close(): void
  /** Resolves once every item is back in the pool. */
  whenIdle(): Promise<void>
  readonly queued: number
}

type Waiter<T> = { resolve: (item: T) => void; reject: (error: unknown) => void; detach: () => void }

/**
 * A pool over `items` with at most `maxQueued` waiters. With N sequences in one llama.cpp context, N
 * requests decode in the same batches (parallel) and the rest wait their turn here.
 *
 * @param items - the items to share.
 * @param maxQueued - waiters allowed before `acquire` throws `INFERENCE_BACKEND_BUSY`.
 * @returns the pool.
 * @example
 * const pool = createSequencePool([a, b], 64); const s = await pool.acquire(); pool.release(s)
 */
export function createSequencePool<T>(items: readonly T[], maxQueued: number): SequencePool<T> {
  const free = [...items]
  const waiters: Waiter<T>[] = []
  let idleWaiters: Array<() => void> = []
  let isClosed = false
  const notifyIfIdle = () => {
    if (free.length < items.length) return
    for (const resolve of idleWaiters) resolve()
    idleWaiters = []
  }
  return {
    get queued() {
      return waiters.length
    },
    acquire(signal) {
      if (isClosed) return Promise.reject(new BackendClosedError())
      if (signal?.aborted) return Promise.reject(new InferenceAbortedError({ cause: signal.reason }))
      const item = free.shift()
      if (item !== undefined) return Promise.resolve(item)
      if (waiters.length >= maxQueued) return Promise.reject(new BackendBusyError({ queued: waiters.length }))
      return new Promise<T>((resolve, reject) => waiters.push(createWaiter(waiters, resolve, reject, signal)))
    },
    release(item) {
      const waiter = waiters.shift()
      if (waiter) {
        waiter.detach()
        return waiter.resolve(item)
      }
      free.push(item)
      notifyIfIdle()
    },
    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve)
        notifyIfIdle()
      })
    },
    close() {
      isClosed = true
      for (const waiter of waiters.splice(0)) {
        waiter.detach()
        waiter.reject(new BackendClosedError())
      }
    },
  }
}

function createWaiter<T>(
  waiters: Waiter<T>[],
  resolve: (item: T) => void,
  reject: (error: unknown) => void,
  signal: AbortSignal | undefined,
): Waiter<T> {
  const onAbort = () => {
    const index = waiters.indexOf(waiter)
    if (index >= 0) waiters.splice(index, 1)
    reject(new InferenceAbortedError({ cause: signal?.reason }))
  }
  const waiter: Waiter<T> = { resolve, reject, detach: () => signal?.removeEventListener('abort', onAbort) }
  signal?.addEventListener('abort', onAbort, { once: true })
  return waiter
}
