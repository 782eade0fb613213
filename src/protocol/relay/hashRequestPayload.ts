import type { Hex } from '../bytes/bytes.ts'
import { bytesToHex } from '../bytes/bytes.ts'
import { sha256 } from '../bytes/sha256.ts'
import { canonicalJson } from './canonicalJson.ts'
import { InvalidFieldError, type InvalidJsonError } from './errors.ts'

export type HashRequestPayloadParameters = {
  /** HTTP method; hashed upper-case. */
  method: string
  /** Request path; anything from `?` or `#` on is dropped (spec §2.1 hashes the path without query). */
  path: string
  /** The parsed JSON body (`JSON.parse` output); absent (a GET) hashes as `null`. */
  body?: unknown
}
export type HashRequestPayloadReturnType = Hex
export type HashRequestPayloadErrorType = InvalidFieldError | InvalidJsonError

function pathWithoutQuery(path: string): string {
  const cut = path.search(/[?#]/)
  return cut === -1 ? path : path.slice(0, cut)
}

/**
 * The request payloadHash (spec §2.1): `sha256(JCS({ method, path, body }))`. Canonical JSON, so a proxy
 * that re-serialises the body (whitespace, key order) does not change the hash.
 *
 * @param payload - method, path and parsed body of the OpenAI-style HTTP request.
 * @returns the 32-byte hash as hex.
 * @throws {InvalidFieldError} method or path not a string; {InvalidJsonError} a body with no JCS form.
 *
 * @example
 * hashRequestPayload({
 *   method: 'POST',
 *   path: '/v1/chat/completions',
 *   body: { model: 'llama-tiny', messages: [{ role: 'user', content: 'Hi' }] },
 * })
 */
export function hashRequestPayload(payload: HashRequestPayloadParameters): HashRequestPayloadReturnType {
  const { method, path, body } = payload
  if (typeof method !== 'string' || method === '')
    throw new InvalidFieldError({ field: 'method', reason: 'must be a non-empty string' })
  if (typeof path !== 'string') throw new InvalidFieldError({ field: 'path', reason: 'must be a string' })
  const text = canonicalJson(
    { method: method.toUpperCase(), path: pathWithoutQuery(path), body: body === undefined ? null : body },
    'request payload',
  )
  return bytesToHex(sha256(Buffer.from(text, 'utf8')))
}
