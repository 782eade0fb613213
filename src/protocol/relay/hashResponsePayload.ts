import type { Hex } from '../bytes/bytes.ts'
import { bytesToHex } from '../bytes/bytes.ts'
import { sha256 } from '../bytes/sha256.ts'
import { canonicalJson } from './canonicalJson.ts'
import { IntegerOutOfRangeError, type InvalidJsonError } from './errors.ts'

export type HashResponsePayloadParameters = {
  /** HTTP status (uint16, as in RelayResponse.status). */
  status: number
  /** The parsed JSON body; absent hashes as `null`. */
  body?: unknown
}
export type HashResponsePayloadReturnType = Hex
export type HashResponsePayloadErrorType = IntegerOutOfRangeError | InvalidJsonError

/**
 * The non-streaming response payloadHash (spec §2.2): `sha256(JCS({ status, body }))`. For SSE streams use
 * `createStreamPayloadHasher`.
 *
 * @param payload - HTTP status and parsed JSON body.
 * @returns the 32-byte hash as hex.
 * @throws {IntegerOutOfRangeError} status not a uint16; {InvalidJsonError} a body with no JCS form.
 *
 * @example
 * hashResponsePayload({ status: 200, body: { id: 'chatcmpl-1', choices: [] } })
 */
export function hashResponsePayload(payload: HashResponsePayloadParameters): HashResponsePayloadReturnType {
  const { status, body } = payload
  if (!Number.isInteger(status) || status < 0 || status > 0xffff)
    throw new IntegerOutOfRangeError({ field: 'status', type: 'uint16', value: status })
  const text = canonicalJson({ status, body: body === undefined ? null : body }, 'response payload')
  return bytesToHex(sha256(Buffer.from(text, 'utf8')))
}
