import { asUint8Array, writeLengthWord } from './abiWords.ts'
import type { IntegerOutOfRangeError, InvalidFieldError, InvalidHexError } from './errors.ts'
import {
  serviceIdByteLength,
  sessionHeaderTupleBytes,
  writeSessionHeaderTuple,
} from './sessionHeaderCodec.ts'
import type { SessionHeader } from './types.ts'

export type EncodeSessionHeaderParameters = SessionHeader
export type EncodeSessionHeaderReturnType = Uint8Array
export type EncodeSessionHeaderErrorType = InvalidHexError | InvalidFieldError | IntegerOutOfRangeError

/**
 * The canonical session header bytes, `abi.encode(SessionHeader)` as one tuple parameter (spec §1.1):
 * an offset word (0x20) then the tuple. Byte-identical to viem's `encodeAbiParameters`.
 *
 * @param session - the session header; heights are uint64 bigints.
 * @returns 224 + 32·⌈len(serviceId)/32⌉ bytes.
 * @throws {InvalidHexError | InvalidFieldError | IntegerOutOfRangeError} on a field that does not fit its type.
 *
 * @example
 * const bytes = encodeSessionHeader({
 *   application: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
 *   serviceId: 'llama-tiny',
 *   sessionId: `0x${'11'.repeat(32)}`,
 *   sessionStartHeight: 100n,
 *   sessionEndHeight: 109n,
 * })
 * bytes.length // 256
 */
export function encodeSessionHeader(session: EncodeSessionHeaderParameters): EncodeSessionHeaderReturnType {
  const serviceIdLength = serviceIdByteLength(session.serviceId)
  const out = Buffer.alloc(32 + sessionHeaderTupleBytes(serviceIdLength))
  writeLengthWord(out, 0, 32)
  writeSessionHeaderTuple(out, 32, session, serviceIdLength)
  return asUint8Array(out)
}
