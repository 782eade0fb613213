import { describe, expect, it } from 'vitest'
import { RateLimitedError } from '../errors.ts'
import { createRateLimiter } from './createRateLimiter.ts'

describe('createRateLimiter', () => {
  it('behavior: requests per minute over a sliding window', () => {
    let now = 0
    const limiter = createRateLimiter({ nowMs: () => now })
    const limits = { requestsPerMinute: 2, tokensPerMinute: 0 }
    limiter.admit('k', limits, 0).settle(0)
    now = 10_000
    limiter.admit('k', limits, 0).settle(0)
    expect(() => limiter.admit('k', limits, 0)).toThrow(RateLimitedError)
    try {
      limiter.admit('k', limits, 0)
    } catch (error) {
      expect((error as RateLimitedError).limit).toBe('requests')
      expect((error as RateLimitedError).retryAfterSeconds).toBe(50)
    }
    now = 60_500 // the first request left the window
    expect(() => limiter.admit('k', limits, 0)).not.toThrow()
    expect(() => limiter.admit('other', limits, 0)).not.toThrow()
  })

  it('behavior: tokens in flight are reserved, so concurrent requests cannot overshoot TPM', () => {
    const limiter = createRateLimiter({ nowMs: () => 0 })
    const limits = { requestsPerMinute: 0, tokensPerMinute: 100 }
    const first = limiter.admit('k', limits, 80)
    limiter.admit('k', limits, 25) // admitted: 80 < 100 left room; now 105 are reserved
    expect(() => limiter.admit('k', limits, 10)).toThrow(RateLimitedError)
    first.settle(10) // the real usage was small: room again
    expect(() => limiter.admit('k', limits, 10)).not.toThrow()
  })

  it('behavior: settled tokens count against the window until they age out', () => {
    let now = 0
    const limiter = createRateLimiter({ nowMs: () => now })
    const limits = { requestsPerMinute: 0, tokensPerMinute: 100 }
    limiter.admit('k', limits, 0).settle(100)
    expect(() => limiter.admit('k', limits, 0)).toThrow(RateLimitedError)
    now = 61_000
    expect(() => limiter.admit('k', limits, 0)).not.toThrow()
  })

  it('default: zero limits mean unlimited', () => {
    const limiter = createRateLimiter({ nowMs: () => 0 })
    for (let i = 0; i < 1_000; i++) limiter.admit('k', { requestsPerMinute: 0, tokensPerMinute: 0 }, 1_000)
  })
})
