import { asBuffer, expectWord, requireBytes } from './abiWords.ts'
import { type DecodeFailedError, type IntegerOutOfRangeError, NonCanonicalEncodingError } from './errors.ts'
import { readSessionHeaderTuple } from './sessionHeaderCodec.ts'
import type { SessionHeader } from './types.ts'

export type DecodeSessionHeaderReturnType = SessionHeader
export type DecodeSessionHeaderErrorType =
  | DecodeFailedError
  | NonCanonicalEncodingError
  | IntegerOutOfRangeError

const TYPE = 'SessionHeader'

/**
 * Decodes canonical session header bytes (the inverse of `encodeSessionHeader`). Strict: offsets, padding
 * and length must be exactly what the encoder writes, so one session header has one byte string.
 *
 * @param bytes - `abi.encode(SessionHeader)`.
 * @returns the session header; addresses and hashes in lower-case hex.
 * @throws {DecodeFailedError} when truncated or malformed; {NonCanonicalEncodingError} on any other layout.
 *
 * @example
 * decodeSessionHeader(encodeSessionHeader(session)) // deep-equals session (hex in lower case)
 */
export function decodeSessionHeader(bytes: Uint8Array): DecodeSessionHeaderReturnType {
  const buf = asBuffer(bytes)
  requireBytes(buf, 32, TYPE)
  expectWord(buf, 0, 32, TYPE, 'tuple offset')
  const { session, end } = readSessionHeaderTuple(buf, 32, TYPE)
  if (end !== buf.length) throw new NonCanonicalEncodingError({ type: TYPE, reason: 'trailing bytes' })
  return session
}
