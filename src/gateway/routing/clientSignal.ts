/**
 * The client's leaving, as routing watches it. An `AbortSignal` does this job too (`fromAbortSignal`),
 * but on the Node edge every request would pay for an `AbortController` and for adding and removing an
 * EventTarget listener, which showed in the gateway's CPU profile; `createClientSignal` there is a
 * plain object with one listener slot.
 */
export type ClientSignal = {
  readonly aborted: boolean
  readonly reason: unknown
  /** Calls `listener` once when the client leaves (not if it already left); returns how to stop. */
  watch(listener: () => void): () => void
}

/**
 * An `AbortSignal` as a `ClientSignal`.
 *
 * @param signal - the signal
 * @returns the client signal
 * @example
 * const job = { ...rest, signal: fromAbortSignal(request.signal) }
 */
export function fromAbortSignal(signal: AbortSignal): ClientSignal {
  return {
    get aborted() {
      return signal.aborted
    },
    get reason() {
      return signal.reason
    },
    watch(listener) {
      signal.addEventListener('abort', listener, { once: true })
      return () => signal.removeEventListener('abort', listener)
    },
  }
}
