/** Chunks pushed by a producer, read once with `for await`; the producer is paused while they pile up. */
export type ChunkQueue = AsyncIterable<Uint8Array> & {
  /** Adds a chunk; false asks the producer to pause until `resume` is called. */
  push(chunk: Uint8Array): boolean
  end(): void
  fail(error: Error): void
}

/**
 * A one-reader queue between a push source (undici's `onData`) and a pull reader (the SSE parser),
 * with no stream objects in between. Past `highWaterMark` unread chunks `push` returns false, and the
 * reader calls `resume` once it has caught up. A reader that stops early calls `onReturn` (abort).
 *
 * @param options - `resume` (the producer's), `onReturn`, `highWaterMark` (default 16 chunks)
 * @returns the queue
 * @example
 * const queue = createChunkQueue({ resume, onReturn: () => abort() })
 * for await (const chunk of queue) parse(chunk)
 */
export function createChunkQueue(options: {
  resume: () => void
  onReturn: () => void
  highWaterMark?: number
}): ChunkQueue {
  const highWaterMark = options.highWaterMark ?? 16
  const chunks: Uint8Array[] = []
  let isEnded = false
  let isPaused = false
  let failure: Error | undefined
  let wake: (() => void) | undefined
  const notify = () => {
    const waiting = wake
    wake = undefined
    waiting?.()
  }
  return {
    push(chunk) {
      chunks.push(chunk)
      notify()
      isPaused = chunks.length >= highWaterMark
      return !isPaused
    },
    end() {
      isEnded = true
      notify()
    },
    fail(error) {
      failure ??= error
      notify()
    },
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (failure) throw failure
          const chunk = chunks.shift()
          if (chunk) {
            if (isPaused && chunks.length === 0) {
              isPaused = false
              options.resume()
            }
            yield chunk
            continue
          }
          if (isEnded) return
          await new Promise<void>((resolve) => {
            wake = resolve
          })
        }
      } finally {
        if (!isEnded && !failure) options.onReturn()
      }
    },
  }
}
