import { BaseError } from '../../protocol/errors/BaseError.ts'

// The HTTP edge's one mapping from error codes to statuses (docs/relayminer.md, "Errors"): 400 the
// request is malformed, 401 the signature, 403 who is asking or for whom, 409 the session header is
// not the chain's (fetch the session again), 410 the session no longer accepts relays (use the current
// one), 429 the budget, 502/504 the backend, 503 try again shortly, 500 our own failure.
const statuses: Record<string, number> = {
  RELAYMINER_INVALID_RELAY: 400,
  RELAYMINER_UNSUPPORTED_ENDPOINT: 400,
  RELAYMINER_PAYLOAD_HASH_MISMATCH: 400,
  RELAYMINER_BOUNDS_EXCEEDED: 400,
  INFERENCE_INVALID_REQUEST: 400,
  INFERENCE_CONTEXT_OVERFLOW: 400,
  INFERENCE_UNSUPPORTED: 400,
  INFERENCE_UPSTREAM_ERROR: 400,
  RELAYMINER_BODY_TOO_LARGE: 413,
  RELAYMINER_INVALID_SIGNATURE: 401,
  RELAYMINER_UNAUTHORIZED_SIGNER: 403,
  RELAYMINER_UNKNOWN_SUPPLIER: 403,
  RELAYMINER_APPLICATION_NOT_STAKED: 403,
  RELAYMINER_SUPPLIER_NOT_IN_SESSION: 403,
  RELAYMINER_SESSION_MISMATCH: 409,
  RELAYMINER_SESSION_NOT_STARTED: 409,
  RELAYMINER_SESSION_EXPIRED: 410,
  RELAYMINER_RATE_LIMITED: 429,
  RELAYMINER_BACKEND_FAILED: 502,
  RELAYMINER_BACKEND_BUSY: 503,
  RELAYMINER_CHAIN_UNAVAILABLE: 503,
  RELAYMINER_BACKEND_TIMEOUT: 504,
}

/**
 * The HTTP status of an error thrown by the relay path.
 *
 * @param error - what was thrown
 * @returns the status; 500 for anything unexpected
 * @example
 * statusOfError(new RateLimitedError({ sessionEndHeight: 19n })) // 429
 */
export function statusOfError(error: unknown): number {
  return error instanceof BaseError ? (statuses[error.code] ?? 500) : 500
}
