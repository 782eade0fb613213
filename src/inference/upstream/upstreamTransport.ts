/** One POST to an upstream server, as the upstream backend sends it. */
export type UpstreamRequest = {
  url: string
  headers: Record<string, string>
  /** The JSON body, already serialised. */
  body: string
  /** Any of these aborting cancels the request, and the body read after it. */
  signals: readonly AbortSignal[]
  /** Its passing cancels the request too (the backend's timeout; not an AbortSignal, see `createDeadline`). */
  deadline?: UpstreamDeadline
}

/** A timer that cancels a request when it passes; the transport watches it while the request is open. */
export type UpstreamDeadline = {
  readonly aborted: boolean
  readonly reason: unknown
  /** `onExpire` runs if the deadline passes while watched; `undefined` stops watching. */
  watch(onExpire: (() => void) | undefined): void
}

/** An upstream server's answer, its body not yet read. */
export type UpstreamReply = {
  status: number
  /** The whole body as UTF-8 text. */
  text(): Promise<string>
  /** The body as it arrives (SSE); null when the answer has none. */
  body: AsyncIterable<Uint8Array> | null
  /** Stops reading; a body not read to its end releases its connection. */
  cancel(): Promise<void>
  /**
   * The answer is complete (a stream's `[DONE]` was read): reads what is left of the body so its
   * connection goes back to the pool, and closes it instead if the rest is large (64 KiB) or slow (250 ms).
   */
  finish(): Promise<void>
}

/**
 * How the upstream backend talks HTTP: `createUndiciTransport` (the default) or `createFetchTransport`
 * (any `fetch`). Resolves once the status and headers arrive; rejects when the
 * server cannot be reached or a signal aborts first.
 */
export type UpstreamTransport = (request: UpstreamRequest) => Promise<UpstreamReply>

/**
 * A transport over a WHATWG `fetch` (the global one, or a test double).
 *
 * @param fetch - the fetch to call
 * @returns the transport
 * @example
 * createUpstreamBackend({ baseUrl, transport: createFetchTransport(globalThis.fetch) })
 */
export function createFetchTransport(fetch: typeof globalThis.fetch): UpstreamTransport {
  return async (request) => {
    const signals = [...request.signals]
    const { deadline } = request
    if (deadline) {
      const expired = new AbortController()
      deadline.watch(() => expired.abort(deadline.reason))
      signals.push(expired.signal)
    }
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.any(signals),
    })
    const body = response.body
    return {
      status: response.status,
      text: () => response.text(),
      body,
      cancel: async () => {
        await body?.cancel()
      },
      // fetch pools its own connections; what is left is not worth reading through a web stream.
      finish: async () => {
        await body?.cancel()
      },
    }
  }
}
