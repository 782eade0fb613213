/** Runs async work with at most `max` tasks at once; the others wait in arrival order. */
export type ConcurrencyLimit = {
  run<T>(task: () => Promise<T>): Promise<T>
  /** Resolves once nothing runs (tasks started later are not waited for). */
  idle(): Promise<void>
}

/**
 * A counting semaphore for promises.
 *
 * @param max - tasks allowed at once (≥ 1).
 * @returns the limiter.
 * @example
 * const limit = createConcurrencyLimit(1)
 * await limit.run(() => probe(target))
 */
export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  let running = 0
  const queue: Array<() => void> = []
  const running$ = new Set<Promise<unknown>>()
  return {
    async run(task) {
      if (running >= max) await new Promise<void>((resolve) => queue.push(resolve))
      running++
      const promise = task()
      running$.add(promise)
      try {
        return await promise
      } finally {
        running$.delete(promise)
        running--
        queue.shift()?.()
      }
    },
    async idle() {
      await Promise.allSettled([...running$])
    },
  }
}
