import canonicalize from 'canonicalize'
import { InvalidJsonError } from './errors.ts'

/**
 * JCS (RFC 8785) text of a JSON value, with the package's plain Errors turned into a typed one.
 * Numbers serialise as ECMAScript's Number#toString, which is exactly what RFC 8785 §3.2.2.3 requires.
 *
 * Plain JSON values (what `JSON.parse` returns: null, booleans, finite numbers, well-formed strings,
 * arrays, objects without `toJSON`) take a faster path that writes the same text as the `canonicalize`
 * package; anything else (toJSON, undefined or functions in arrays, sparse arrays, bigints, non-finite
 * numbers, lone surrogates, nesting deeper than 256, cycles) is handed to the package, so errors and edge
 * cases are the package's. A property test checks both give the same text.
 */
export function canonicalJson(value: unknown, field: string): string {
  try {
    return plainJcs(value, 0)
  } catch {
    // Not plain JSON: the package decides (it also gives the errors their causes).
  }
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

// Thrown (never seen outside this file) to leave the fast path; preallocated, so leaving costs no stack trace.
const NOT_PLAIN = Object.freeze({ notPlain: true })
const MAX_DEPTH = 256

// Node ≥ 20 has String#isWellFormed (native); the ES2023 lib types do not list it yet.
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed()

function plainJcs(value: unknown, depth: number): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) throw NOT_PLAIN
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw NOT_PLAIN
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      // Same order of checks as the package: toJSON first, then arrays, then objects.
      if (depth >= MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') throw NOT_PLAIN
      return Array.isArray(value) ? arrayJcs(value, depth + 1) : objectJcs(value as object, depth + 1)
    default:
      throw NOT_PLAIN
  }
}

function arrayJcs(array: unknown[], depth: number): string {
  let text = '['
  for (let i = 0; i < array.length; i++) {
    if (i > 0) text += ','
    const item = array[i]
    // The package writes a symbol as null; a hole or undefined has its own rules there.
    if (item === undefined) throw NOT_PLAIN
    text += typeof item === 'symbol' ? 'null' : plainJcs(item, depth)
  }
  return `${text}]`
}

function objectJcs(object: object, depth: number): string {
  const record = object as Record<string, unknown>
  const keys = Object.keys(record)
  sortKeys(keys)
  let text = '{'
  let isFirst = true
  for (const key of keys) {
    const item = record[key]
    // Members whose value has no JSON form are dropped, as JSON.stringify and the package do.
    if (item === undefined || typeof item === 'symbol') continue
    if (!isWellFormed(key)) throw NOT_PLAIN
    text += `${isFirst ? '' : ','}${JSON.stringify(key)}:${plainJcs(item, depth)}`
    isFirst = false
  }
  return `${text}}`
}

// JCS orders members by UTF-16 code units, which is how `<` compares strings (and what a default sort
// does). Small key lists get an in-place insertion sort: Array#sort allocates a work area per call, a large
// share of the relay path's garbage. Larger ones (quadratic there, and a body is untrusted) get Array#sort.
const INSERTION_SORT_MAX = 16

function sortKeys(keys: string[]): void {
  if (keys.length > INSERTION_SORT_MAX) {
    keys.sort()
    return
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!
    let j = i - 1
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!
      j--
    }
    keys[j + 1] = key
  }
}
