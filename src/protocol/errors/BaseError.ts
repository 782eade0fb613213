import type { ErrorCode, Fault } from './codes.ts'

export type BaseErrorParameters = {
  code: ErrorCode
  /** Which class to report; subclasses set it so `err.name` survives minification. */
  name: string
  fault?: Fault
  /** Technical detail for logs; may name fields, never secrets. */
  details?: string
  /** Hints on what to do next. */
  metaMessages?: string[]
  cause?: unknown
  docsPath?: string
}

/**
 * The root of every error decai raises: a stable `code`, a `shortMessage` safe to show a user,
 * and the cause attached. Branch on `code` or `instanceof`, never on the message text.
 *
 * @example
 * throw new InvalidFieldError({ field: 'maxOutputTokens', reason: 'must be ≤ 2^32−1' })
 */
export class BaseError extends Error {
  readonly code: ErrorCode
  readonly shortMessage: string
  readonly fault: Fault
  readonly details: string | undefined
  readonly metaMessages: string[]
  readonly docsPath: string | undefined

  constructor(shortMessage: string, parameters: BaseErrorParameters) {
    const lines = [shortMessage]
    if (parameters.metaMessages?.length) lines.push('', ...parameters.metaMessages)
    if (parameters.details) lines.push('', `Details: ${parameters.details}`)
    super(lines.join('\n'), parameters.cause === undefined ? undefined : { cause: parameters.cause })
    this.name = parameters.name
    this.code = parameters.code
    this.shortMessage = shortMessage
    this.fault = parameters.fault ?? 'unknown'
    this.details = parameters.details
    this.metaMessages = parameters.metaMessages ?? []
    this.docsPath = parameters.docsPath
  }

  /** A JSON-safe view for logs and HTTP bodies (no stack, no cause chain). */
  toJSON(): { name: string; code: ErrorCode; message: string; fault: Fault } {
    return { name: this.name, code: this.code, message: this.shortMessage, fault: this.fault }
  }
}
