import { BaseError } from '../../../protocol/errors/BaseError.ts'
import type { ApiError } from '../../api/types.ts'

const statusByCode: Record<string, number> = {
  EXPLORER_NOT_FOUND: 404,
  EXPLORER_INVALID_REQUEST: 400,
  EXPLORER_CHAIN_UNAVAILABLE: 503,
}

/**
 * Maps an error to the API's status and body, at the HTTP edge only. Unknown errors become a bare 500 that
 * reveals nothing of their message.
 *
 * @param error - what a route threw
 * @returns the status and body
 * @example
 * const { status, body } = toApiError(new ExplorerNotFoundError({ what: 'session 0' })) // 404
 */
export function toApiError(error: unknown): { status: number; body: ApiError } {
  if (error instanceof BaseError)
    return {
      status: statusByCode[error.code] ?? 500,
      body: { error: { code: error.code, message: error.shortMessage } },
    }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error.' } } }
}
