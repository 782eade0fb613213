import type { Logger } from 'pino'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import type { GatewayMetrics } from '../metrics/createGatewayMetrics.ts'
import { type OpenAiErrorBody, toOpenAiError } from './toOpenAiError.ts'

/** What the edge sends for a failed request; `body: null` sends nothing (the client is gone). */
export type ErrorReply = { status: number; body: OpenAiErrorBody | null; headers: Record<string, string> }

/**
 * The answer to a request that failed, counted and logged as every edge does it: a client that left
 * before its answer gets nothing (status 499, nginx's, for the metrics) and is not the gateway's
 * failure; anything else becomes an OpenAI error object. 4xx are logged at info, 5xx at error, never
 * with a key or a prompt.
 *
 * @param error - what was thrown
 * @param context - whether the client is gone (asked only for errors of no known kind), the request
 *   path, metrics, logger
 * @returns status, body and headers
 * @example
 * const { status, body, headers } = toErrorReply(error, { isClientGone, path, metrics, logger })
 */
export function toErrorReply(
  error: unknown,
  context: { isClientGone: () => boolean; path: string; metrics: GatewayMetrics; logger: Logger },
): ErrorReply {
  const { metrics, logger, path } = context
  if (!(error instanceof BaseError) && context.isClientGone()) {
    metrics.errors.inc({ class: 'client_gone' })
    logger.info({ path }, 'client closed the request before an answer')
    return { status: 499, body: null, headers: {} }
  }
  const { status, body, headers } = toOpenAiError(error)
  const code = error instanceof BaseError ? error.code : 'INTERNAL'
  metrics.errors.inc({ class: code })
  if (status >= 500) logger.error({ err: error, status, path }, 'request failed')
  else logger.info({ status, code, path }, 'request refused')
  return { status, body, headers }
}
