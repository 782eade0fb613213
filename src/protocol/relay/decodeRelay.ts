import {
  asBuffer,
  expectWord,
  readAddressWord,
  readHex,
  readSignature,
  readSmallUintWord,
  readUint64Word,
  requireBytes,
} from './abiWords.ts'
import {
  type DecodeFailedError,
  type IntegerOutOfRangeError,
  type InvalidSignatureLengthError,
  NonCanonicalEncodingError,
} from './errors.ts'
import { relayLayout as L } from './relayLayout.ts'
import { readSessionHeaderTuple } from './sessionHeaderCodec.ts'
import type { Relay, RelayRequest, RelayResponse, SessionHeader } from './types.ts'

export type DecodeRelayReturnType = Relay
export type DecodeRelayErrorType =
  | DecodeFailedError
  | NonCanonicalEncodingError
  | IntegerOutOfRangeError
  | InvalidSignatureLengthError

const TYPE = 'Relay'

function readRequest(buf: Buffer, session: SessionHeader): RelayRequest {
  const base = L.request
  return {
    session,
    supplier: readAddressWord(buf, base + 32, TYPE, 'request.supplier'),
    payloadHash: readHex(buf, base + 64, base + 96),
    maxInputTokens: readSmallUintWord(buf, base + 96, 32, 'request.maxInputTokens'),
    maxOutputTokens: readSmallUintWord(buf, base + 128, 32, 'request.maxOutputTokens'),
    nonce: readUint64Word(buf, base + 160, 'request.nonce'),
  }
}

function readResponse(buf: Buffer): RelayResponse {
  const base = L.response
  return {
    requestHash: readHex(buf, base, base + 32),
    payloadHash: readHex(buf, base + 32, base + 64),
    inputTokens: readSmallUintWord(buf, base + 64, 32, 'response.inputTokens'),
    outputTokens: readSmallUintWord(buf, base + 96, 32, 'response.outputTokens'),
    status: readSmallUintWord(buf, base + 128, 16, 'response.status'),
  }
}

/**
 * Decodes relay bytes (the inverse of `encodeRelay`). Strict: every offset, length and padding byte must be
 * what the encoder writes and nothing may follow, because relayHash = sha256(bytes) and a second encoding
 * of the same relay would be a second lottery ticket (spec §1.1, §2.3).
 *
 * @param bytes - canonical `abi.encode(Relay)`.
 * @returns the relay; addresses, hashes and signatures in lower-case hex.
 * @throws {DecodeFailedError} truncated or malformed; {NonCanonicalEncodingError} other layouts;
 *   {InvalidSignatureLengthError} a signature that is not 65 bytes; {IntegerOutOfRangeError} an integer
 *   wider than its type.
 *
 * @example
 * const relay = decodeRelay(relayBytes)
 * relay.response.status // 200
 */
export function decodeRelay(bytes: Uint8Array): DecodeRelayReturnType {
  const buf = asBuffer(bytes)
  requireBytes(buf, L.minBytes, TYPE)
  expectWord(buf, 0, L.tuple, TYPE, 'tuple offset')
  expectWord(buf, L.requestOffsetWord, L.request - L.tuple, TYPE, 'request offset')
  expectWord(buf, L.request, L.session - L.request, TYPE, 'session offset')
  const { session, end: requestEnd } = readSessionHeaderTuple(buf, L.session, TYPE)
  const request = readRequest(buf, session)
  // Each signature's length is read before the next offset is checked, so a 64-byte signature is reported
  // as a wrong length rather than as a shifted offset.
  expectWord(buf, L.requestSignatureOffsetWord, requestEnd - L.tuple, TYPE, 'requestSignature offset')
  const requestSignature = readSignature(buf, requestEnd, TYPE, 'requestSignature')
  expectWord(buf, L.responseSignatureOffsetWord, requestEnd + 128 - L.tuple, TYPE, 'responseSignature offset')
  const responseSignature = readSignature(buf, requestEnd + 128, TYPE, 'responseSignature')
  if (buf.length !== requestEnd + 256)
    throw new NonCanonicalEncodingError({ type: TYPE, reason: 'trailing bytes' })
  return { request, requestSignature, response: readResponse(buf), responseSignature }
}
