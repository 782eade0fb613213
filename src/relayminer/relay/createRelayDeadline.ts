import { BackendTimeoutError } from '../errors.ts'

/** One relay's abort signal: fires at the request timeout or when the client goes away. */
export type RelayDeadline = {
  signal: AbortSignal
  isTimedOut(): boolean
  /** Stops the timer and the client listener; aborts the signal too when `shouldAbort`. */
  clear(shouldAbort?: boolean): void
}

/**
 * One AbortController per relay, a timer and a listener on the client's signal: cheaper than composing
 * `AbortSignal.timeout` with `AbortSignal.any`, and this runs once per relay.
 *
 * @param timeoutMs - the request timeout
 * @param clientSignal - fires when the client disconnects
 * @returns the deadline
 * @example
 * const deadline = createRelayDeadline(30_000, c.req.raw.signal)
 * try { await backend.chatCompletion(body, { signal: deadline.signal }) } finally { deadline.clear() }
 */
export function createRelayDeadline(timeoutMs: number, clientSignal: AbortSignal | undefined): RelayDeadline {
  const controller = new AbortController()
  let isTimedOut = false
  const timer = setTimeout(() => {
    isTimedOut = true
    controller.abort(new BackendTimeoutError())
  }, timeoutMs)
  const onClientGone = () => controller.abort()
  clientSignal?.addEventListener('abort', onClientGone, { once: true })
  return {
    signal: controller.signal,
    isTimedOut: () => isTimedOut,
    clear(shouldAbort = false) {
      clearTimeout(timer)
      clientSignal?.removeEventListener('abort', onClientGone)
      if (shouldAbort) controller.abort()
    },
  }
}
