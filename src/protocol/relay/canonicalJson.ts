import canonicalize from 'canonicalize'
import { InvalidJsonError } from './errors.ts'

/**
 * JCS (RFC 8785) text of a JSON value, with the package's plain Errors turned into a typed one.
 * Numbers serialise as ECMAScript's Number#toString, which is exactly what RFC 8785 §3.2.2.3 requires.
 */
export function canonicalJson(value: unknown, field: string): string {
  let text: string | undefined
  try {
    text = canonicalize(value)
  } catch (cause) {
    throw new InvalidJsonError({ field, cause })
  }
  // A top-level value with no JSON form (a function, a symbol) serialises to undefined.
  if (text === undefined) throw new InvalidJsonError({ field, cause: undefined })
  return text
}
