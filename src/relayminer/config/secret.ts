import { inspect } from 'node:util'

/**
 * A value that must never reach a log line: `JSON.stringify`, `util.inspect` (and so pino and
 * `console.log`) and string conversion all print `[redacted]`. Only `reveal()` gives the value.
 *
 * @example
 * const key = new Secret(process.env.KEY)
 * logger.info({ key }) // {"key":"[redacted]"}
 * signRelayResponse(key.reveal(), domain, response)
 */
export class Secret<T> {
  readonly #value: T

  constructor(value: T) {
    this.#value = value
  }

  /** The secret value; pass it straight to the function that needs it. */
  reveal(): T {
    return this.#value
  }

  toJSON(): string {
    return '[redacted]'
  }

  toString(): string {
    return '[redacted]'
  }

  [inspect.custom](): string {
    return 'Secret([redacted])'
  }
}
