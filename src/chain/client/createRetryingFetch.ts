import type { Logger } from 'pino'

export type CreateRetryingFetchParameters = {
  /** Attempts after the first. Default 5. */
  retryCount?: number | undefined
  /** First backoff; doubles on each retry, with jitter. Default 100 ms. */
  retryDelayMs?: number | undefined
  /** Upper bound on one backoff (and on a server's Retry-After). Default 2 000 ms. */
  maxRetryDelayMs?: number | undefined
  logger?: Logger | undefined
  /** The underlying fetch (tests pass a fake). Default `globalThis.fetch`. */
  fetchFn?: typeof fetch | undefined
}

/** HTTP statuses that mean "try again": rate limited, or the node (or its proxy) is briefly down. */
const retryableStatuses = new Set([408, 425, 429, 500, 502, 503, 504])

/**
 * Wraps `fetch` so that transient transport failures are retried with exponential backoff: connection
 * refused or reset (fetch rejects), 408/429 and 5xx responses. JSON-RPC errors inside a 200 response are
 * never retried — they are answers, and retrying a revert only wastes time.
 *
 * Why here and not in viem's transport: viem's retry also repeats some JSON-RPC answers (-32603, -1) and
 * cannot be told otherwise; retrying at the fetch level retries exactly the transport failures.
 * Retrying `eth_sendRawTransaction` is safe: the same signed bytes cannot execute twice.
 *
 * @returns a `fetch`-compatible function; the caller's abort signal stops the retries
 * @example
 * http(rpcUrl, { fetchFn: createRetryingFetch({ logger }), retryCount: 0 })
 */
export function createRetryingFetch(parameters: CreateRetryingFetchParameters = {}): typeof fetch {
  const { retryCount = 5, retryDelayMs = 100, maxRetryDelayMs = 2_000, logger } = parameters
  const fetchFn = parameters.fetchFn ?? globalThis.fetch
  return async function retryingFetch(input, init) {
    for (let attempt = 0; ; attempt++) {
      const isLast = attempt >= retryCount
      let delayMs = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** attempt * (0.75 + Math.random() / 2))
      try {
        const response = await fetchFn(input, init)
        if (isLast || !retryableStatuses.has(response.status)) return response
        delayMs = retryAfterMs(response) ?? delayMs
        logger?.debug({ status: response.status, attempt, delayMs }, 'rpc transient status; retrying')
        await response.body?.cancel()
      } catch (error) {
        if (isLast || init?.signal?.aborted || isAbort(error)) throw error
        logger?.debug({ err: error, attempt, delayMs }, 'rpc unreachable; retrying')
      }
      await sleep(Math.min(delayMs, maxRetryDelayMs), init?.signal ?? undefined)
    }
  }
}

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after')
  if (!header) return undefined
  const seconds = Number(header)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : undefined
}

const isAbort = (error: unknown) =>
  error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true },
    )
  })
}
