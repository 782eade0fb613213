import { inspect } from 'node:util'

/**
 * A value that must never reach a log line: `toString`, `toJSON` and `util.inspect` print `[secret]`,
 * so a config object logged by accident leaks nothing. Read it with `reveal()` where it is used.
 *
 * @example
 * const key = new Secret(env.GATEWAY_KEY)
 * signRelayRequest(key.reveal(), domain, request)
 */
export class Secret<T> {
  readonly #value: T
  constructor(value: T) {
    this.#value = value
  }
  /** The value itself; call it only where the secret is used. */
  reveal(): T {
    return this.#value
  }
  toString(): string {
    return '[secret]'
  }
  toJSON(): string {
    return '[secret]'
  }
  [inspect.custom](): string {
    return '[secret]'
  }
}
