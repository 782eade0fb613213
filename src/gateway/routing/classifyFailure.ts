import { BaseError } from '../../protocol/errors/BaseError.ts'
import { InvalidRelayResponseError, SupplierErrorResponse } from '../errors.ts'

/**
 * Failure classes, by who is at fault and what the router should do (STYLE §4: classify by fault, never
 * by message text). Each class maps to a score penalty and a routing decision.
 */
export type FailureClass =
  /** Refused, reset, DNS: the supplier is unreachable. */
  | 'connection'
  /** No first byte, or a stream went silent. */
  | 'timeout'
  /** The supplier failed (5xx, backend failure, chain or store trouble on its side). */
  | 'supplier_error'
  /** Busy or rate-limited: healthy but full. */
  | 'capacity'
  /** The session header is not (or no longer) valid at the supplier's height. */
  | 'session'
  /** The supplier is not in the session or does not serve the service: misrouted. */
  | 'misrouted'
  /** A signature, hash or usage check failed: the supplier cannot be trusted. */
  | 'integrity'
  /** The request itself is wrong for any supplier (context overflow, invalid field). */
  | 'client'
  /** The supplier cannot do this operation (e.g. embeddings); another may. */
  | 'unsupported'
  /** The gateway's own relay was refused (signer not authorised, app not staked). */
  | 'gateway'
  /** A stream ended mid-way. */
  | 'stream_broken'

const supplierCodeClasses: Record<string, FailureClass> = {
  RELAYMINER_SESSION_NOT_STARTED: 'session',
  RELAYMINER_SESSION_EXPIRED: 'session',
  RELAYMINER_SESSION_MISMATCH: 'session',
  RELAYMINER_SUPPLIER_NOT_IN_SESSION: 'misrouted',
  RELAYMINER_UNKNOWN_SUPPLIER: 'misrouted',
  RELAYMINER_RATE_LIMITED: 'capacity',
  RELAYMINER_BACKEND_BUSY: 'capacity',
  INFERENCE_BACKEND_BUSY: 'capacity',
  RELAYMINER_BACKEND_TIMEOUT: 'timeout',
  INFERENCE_BACKEND_TIMEOUT: 'timeout',
  RELAYMINER_UNAUTHORIZED_SIGNER: 'gateway',
  RELAYMINER_APPLICATION_NOT_STAKED: 'gateway',
  RELAYMINER_INVALID_SIGNATURE: 'gateway',
  RELAYMINER_PAYLOAD_HASH_MISMATCH: 'gateway',
  RELAYMINER_INVALID_RELAY: 'gateway',
  RELAYMINER_BOUNDS_EXCEEDED: 'gateway',
  INFERENCE_INVALID_REQUEST: 'client',
  INFERENCE_CONTEXT_OVERFLOW: 'client',
  RELAYMINER_UNSUPPORTED_ENDPOINT: 'unsupported',
  INFERENCE_UNSUPPORTED: 'unsupported',
}

/**
 * Classifies an attempt's failure: a supplier's coded error body by its code (then by its fault and
 * status), a verification failure as integrity, an abort as a timeout, anything else thrown by `fetch`
 * as a connection failure.
 *
 * @param error - what the attempt threw
 * @returns the failure class
 * @example
 * classifyFailure(new SupplierErrorResponse({ status: 503, code: 'RELAYMINER_BACKEND_BUSY', message: '', fault: 'supplier' })) // 'capacity'
 */
export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof SupplierErrorResponse) {
    const known = supplierCodeClasses[error.supplierCode]
    if (known) return known
    // An uncoded or unknown error is the supplier's problem even with a 4xx: a wrong URL answering 404
    // must not fail the client's request when another supplier could serve it.
    return error.status === 429 ? 'capacity' : 'supplier_error'
  }
  if (error instanceof InvalidRelayResponseError) return 'integrity'
  if (error instanceof BaseError) return error.fault === 'client' ? 'client' : 'supplier_error'
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'timeout'
  return 'connection'
}

/** Whether another supplier may succeed where this failure happened. */
export function isRetryable(failure: FailureClass): boolean {
  return failure !== 'client'
}
