import { BaseError } from '../../protocol/errors/BaseError.ts'

/** The JSON error body of the relay endpoint and of a stream's `error` event. */
export type RelayErrorBody = { error: { code: string; message: string; fault: string } }

/**
 * The client-facing form of an error: its stable code, its short message (never the details, the
 * cause or a stack) and who is at fault. Anything that is not a `BaseError` is an internal failure
 * whose text is not shown.
 *
 * @param error - what was thrown
 * @returns the body to send
 * @example
 * return c.json(toErrorBody(error), statusOf(error))
 */
export function toErrorBody(error: unknown): RelayErrorBody {
  if (error instanceof BaseError)
    return { error: { code: error.code, message: error.shortMessage, fault: error.fault } }
  return { error: { code: 'INTERNAL', message: 'Internal error.', fault: 'supplier' } }
}
