import { BaseError } from '../../protocol/errors/BaseError.ts'
import { InvalidGatewayRequestError, RateLimitedError } from '../errors.ts'

/** OpenAI's error body. */
export type OpenAiErrorBody = {
  error: { message: string; type: string; param: string | null; code: string | null }
}

/** An error as the HTTP edge sends it: status, body and extra headers. */
export type OpenAiError = { status: number; body: OpenAiErrorBody; headers: Record<string, string> }

const byCode: Record<string, { status: number; type: string; code: string | null }> = {
  GATEWAY_INVALID_REQUEST: { status: 400, type: 'invalid_request_error', code: null },
  GATEWAY_BODY_TOO_LARGE: { status: 413, type: 'invalid_request_error', code: 'request_too_large' },
  GATEWAY_UNAUTHORIZED: { status: 401, type: 'invalid_request_error', code: 'invalid_api_key' },
  GATEWAY_MODEL_NOT_FOUND: { status: 404, type: 'invalid_request_error', code: 'model_not_found' },
  GATEWAY_UNSUPPORTED_ENDPOINT: { status: 400, type: 'invalid_request_error', code: 'unsupported_endpoint' },
  GATEWAY_RATE_LIMITED: { status: 429, type: 'requests', code: 'rate_limit_exceeded' },
  GATEWAY_BUDGET_EXHAUSTED: { status: 429, type: 'insufficient_quota', code: 'insufficient_quota' },
  GATEWAY_NO_APPLICATION: { status: 503, type: 'server_error', code: 'no_application' },
  GATEWAY_NO_SUPPLIER: { status: 503, type: 'server_error', code: 'no_supplier' },
  GATEWAY_SUPPLIER_FAILED: { status: 502, type: 'server_error', code: 'upstream_error' },
  GATEWAY_SUPPLIER_TIMEOUT: { status: 504, type: 'server_error', code: 'upstream_timeout' },
  GATEWAY_STREAM_INTERRUPTED: { status: 502, type: 'server_error', code: 'stream_interrupted' },
  GATEWAY_CHAIN_UNAVAILABLE: { status: 503, type: 'server_error', code: 'ledger_unavailable' },
}

/**
 * Maps an error to OpenAI's error object and status (STYLE §4: map to HTTP only at the edge). A
 * `BaseError` shows its short message; anything else is a bare 500 whose text is never shown.
 *
 * @param error - what was thrown
 * @returns status, body and headers (`Retry-After` for rate limits)
 * @example
 * const { status, body, headers } = toOpenAiError(error)
 * return c.json(body, status, headers)
 */
export function toOpenAiError(error: unknown): OpenAiError {
  if (!(error instanceof BaseError))
    return {
      status: 500,
      body: errorBody('The server had an error while processing your request.', 'server_error', null, null),
      headers: {},
    }
  const mapped = byCode[error.code] ?? {
    status: error.fault === 'client' ? 400 : 500,
    type: error.fault === 'client' ? 'invalid_request_error' : 'server_error',
    code: null,
  }
  const param = error instanceof InvalidGatewayRequestError ? error.param : null
  const code = error instanceof InvalidGatewayRequestError ? (error.openaiCode ?? mapped.code) : mapped.code
  const type = error instanceof RateLimitedError ? error.limit : mapped.type
  const headers: Record<string, string> =
    error instanceof RateLimitedError ? { 'retry-after': String(error.retryAfterSeconds) } : {}
  return { status: mapped.status, body: errorBody(error.shortMessage, type, param, code), headers }
}

function errorBody(
  message: string,
  type: string,
  param: string | null,
  code: string | null,
): OpenAiErrorBody {
  return { error: { message, type, param, code } }
}
