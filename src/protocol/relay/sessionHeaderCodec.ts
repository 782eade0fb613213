import {
  expectWord,
  expectZeroPadding,
  padTo32,
  readAddressWord,
  readHex,
  readLengthWord,
  readUint64Word,
  requireBytes,
  writeAddressWord,
  writeHex,
  writeLengthWord,
  writeUint64Word,
} from './abiWords.ts'
import { DecodeFailedError, InvalidFieldError } from './errors.ts'
import type { SessionHeader } from './types.ts'

/**
 * The ABI tuple encoding of SessionHeader (spec §1), shared by `encodeSessionHeader` and `encodeRelay`:
 * five head words (application, offset of serviceId = 0xa0, sessionId, start, end), then the string's
 * length word and its UTF-8 bytes padded to a word.
 */

const HEAD_BYTES = 5 * 32

/** UTF-8 length of the service id; rejects lone surrogates, which would not survive a round trip. */
export function serviceIdByteLength(serviceId: unknown): number {
  if (typeof serviceId !== 'string')
    throw new InvalidFieldError({ field: 'session.serviceId', reason: 'not a string' })
  if (!(serviceId as unknown as { isWellFormed(): boolean }).isWellFormed())
    throw new InvalidFieldError({ field: 'session.serviceId', reason: 'contains a lone surrogate' })
  return Buffer.byteLength(serviceId, 'utf8')
}

/** Bytes the tuple occupies for a service id of `serviceIdLength` UTF-8 bytes. */
export function sessionHeaderTupleBytes(serviceIdLength: number): number {
  return HEAD_BYTES + 32 + padTo32(serviceIdLength)
}

/** Writes the tuple at `base` into a zero-filled buffer. */
export function writeSessionHeaderTuple(
  out: Buffer,
  base: number,
  session: SessionHeader,
  serviceIdLength: number,
): void {
  writeAddressWord(out, base, session.application, 'session.application')
  writeLengthWord(out, base + 32, HEAD_BYTES)
  writeHex(out, base + 64, session.sessionId, 32, 'session.sessionId')
  writeUint64Word(out, base + 96, session.sessionStartHeight, 'session.sessionStartHeight')
  writeUint64Word(out, base + 128, session.sessionEndHeight, 'session.sessionEndHeight')
  writeLengthWord(out, base + HEAD_BYTES, serviceIdLength)
  out.write(session.serviceId, base + HEAD_BYTES + 32, serviceIdLength, 'utf8')
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

function readServiceId(buf: Buffer, start: number, end: number, type: string): string {
  const text = buf.toString('utf8', start, end)
  // Buffer#toString replaces invalid sequences with U+FFFD; only then pay for the strict decoder.
  if (!text.includes('\uFFFD')) return text
  try {
    return strictUtf8.decode(buf.subarray(start, end))
  } catch {
    throw new DecodeFailedError({ type, reason: 'serviceId is not valid UTF-8' })
  }
}

/** Reads the tuple at `base`, strictly; returns it and the offset just past it. */
export function readSessionHeaderTuple(
  buf: Buffer,
  base: number,
  type: string,
): { session: SessionHeader; end: number } {
  requireBytes(buf, base + HEAD_BYTES + 32, type)
  const application = readAddressWord(buf, base, type, 'session.application')
  expectWord(buf, base + 32, HEAD_BYTES, type, 'serviceId offset')
  const sessionId = readHex(buf, base + 64, base + 96)
  const sessionStartHeight = readUint64Word(buf, base + 96, 'session.sessionStartHeight')
  const sessionEndHeight = readUint64Word(buf, base + 128, 'session.sessionEndHeight')
  const length = readLengthWord(buf, base + HEAD_BYTES, type)
  const dataStart = base + HEAD_BYTES + 32
  const end = dataStart + padTo32(length)
  requireBytes(buf, end, type)
  expectZeroPadding(buf, dataStart + length, end, type, 'serviceId')
  const serviceId = readServiceId(buf, dataStart, dataStart + length, type)
  return { session: { application, serviceId, sessionId, sessionStartHeight, sessionEndHeight }, end }
}
