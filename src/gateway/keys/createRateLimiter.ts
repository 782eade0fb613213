import { RateLimitedError } from '../errors.ts'

/** The limits of one key (0 = unlimited). */
export type RateLimits = { requestsPerMinute: number; tokensPerMinute: number }

/** A request admitted by the limiter: settle it with its real token count once known. */
export type RateTicket = { settle(tokens: number): void }

/** Per-key requests- and tokens-per-minute limits over a sliding one-minute window. */
export type RateLimiter = {
  /**
   * Admits a request or throws. `reservedTokens` is held against the key's TPM until the ticket is
   * settled, so concurrent requests cannot all pass a check that only sees finished ones.
   */
  admit(keyId: string, limits: RateLimits, reservedTokens: number): RateTicket
}

const BUCKETS = 60
const BUCKET_MS = 1_000

type Window = { requests: Float64Array; tokens: Float64Array; lastBucket: number; reservedTokens: number }

/**
 * Creates the limiter: 60 one-second buckets per key for requests and tokens, plus the tokens reserved
 * by requests still in flight. A request is admitted while the window (plus reservations) is below the
 * limit; the error says how many seconds until the oldest bucket leaves the window.
 *
 * @param options - the clock (ms), injectable for tests
 * @returns the limiter
 * @example
 * const ticket = limiter.admit(record.id, record, estimatedTokens)
 * // … serve …
 * ticket.settle(usage.inputTokens + usage.outputTokens)
 */
export function createRateLimiter(options: { nowMs?: () => number } = {}): RateLimiter {
  const nowMs = options.nowMs ?? Date.now
  const windows = new Map<string, Window>()
  const windowOf = (keyId: string, bucket: number): Window => {
    let window = windows.get(keyId)
    if (!window) {
      window = {
        requests: new Float64Array(BUCKETS),
        tokens: new Float64Array(BUCKETS),
        lastBucket: bucket,
        reservedTokens: 0,
      }
      windows.set(keyId, window)
    }
    // Clear the buckets that fell out of the window since the last request.
    for (let b = window.lastBucket + 1; b <= bucket && b <= window.lastBucket + BUCKETS; b++) {
      window.requests[b % BUCKETS] = 0
      window.tokens[b % BUCKETS] = 0
    }
    window.lastBucket = Math.max(window.lastBucket, bucket)
    return window
  }
  const sum = (values: Float64Array) => values.reduce((total, value) => total + value, 0)
  const retryAfter = (values: Float64Array, bucket: number) => {
    for (let age = BUCKETS - 1; age >= 0; age--)
      if (values[(bucket - age + BUCKETS * 2) % BUCKETS]! > 0) return BUCKETS - age
    return 1
  }
  return {
    admit(keyId, limits, reservedTokens) {
      const bucket = Math.floor(nowMs() / BUCKET_MS)
      const window = windowOf(keyId, bucket)
      if (limits.requestsPerMinute > 0 && sum(window.requests) >= limits.requestsPerMinute)
        throw new RateLimitedError({
          limit: 'requests',
          retryAfterSeconds: retryAfter(window.requests, bucket),
        })
      if (limits.tokensPerMinute > 0 && sum(window.tokens) + window.reservedTokens >= limits.tokensPerMinute)
        throw new RateLimitedError({
          limit: 'tokens',
          retryAfterSeconds: retryAfter(window.tokens, bucket),
        })
      window.requests[bucket % BUCKETS]! += 1
      window.reservedTokens += reservedTokens
      let isSettled = false
      return {
        settle(tokens) {
          if (isSettled) return
          isSettled = true
          const now = Math.floor(nowMs() / BUCKET_MS)
          const current = windowOf(keyId, now)
          current.reservedTokens -= reservedTokens
          current.tokens[now % BUCKETS]! += tokens
        },
      }
    },
  }
}
