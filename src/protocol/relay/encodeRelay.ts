import {
  asUint8Array,
  writeAddressWord,
  writeHex,
  writeLengthWord,
  writeSmallUintWord,
  writeUint64Word,
} from './abiWords.ts'
import type {
  IntegerOutOfRangeError,
  InvalidFieldError,
  InvalidHexError,
  InvalidSignatureLengthError,
} from './errors.ts'
import { relayLayout as L, relaySignatureOffsets } from './relayLayout.ts'
import { serviceIdByteLength, writeSessionHeaderTuple } from './sessionHeaderCodec.ts'
import type { Relay, RelayRequest, RelayResponse } from './types.ts'

export type EncodeRelayParameters = Relay
export type EncodeRelayReturnType = Uint8Array
export type EncodeRelayErrorType =
  | InvalidHexError
  | InvalidFieldError
  | IntegerOutOfRangeError
  | InvalidSignatureLengthError

function writeRequestHead(out: Buffer, request: RelayRequest): void {
  const base = L.request
  writeLengthWord(out, base, L.session - L.request)
  writeAddressWord(out, base + 32, request.supplier, 'request.supplier')
  writeHex(out, base + 64, request.payloadHash, 32, 'request.payloadHash')
  writeSmallUintWord(out, base + 96, request.maxInputTokens, 32, 'request.maxInputTokens')
  writeSmallUintWord(out, base + 128, request.maxOutputTokens, 32, 'request.maxOutputTokens')
  writeUint64Word(out, base + 160, request.nonce, 'request.nonce')
}

function writeResponse(out: Buffer, response: RelayResponse): void {
  const base = L.response
  writeHex(out, base, response.requestHash, 32, 'response.requestHash')
  writeHex(out, base + 32, response.payloadHash, 32, 'response.payloadHash')
  writeSmallUintWord(out, base + 64, response.inputTokens, 32, 'response.inputTokens')
  writeSmallUintWord(out, base + 96, response.outputTokens, 32, 'response.outputTokens')
  writeSmallUintWord(out, base + 128, response.status, 16, 'response.status')
}

function writeSignature(out: Buffer, offset: number, signature: unknown, field: string): void {
  writeLengthWord(out, offset, 65)
  writeHex(out, offset + 32, signature, 65, field)
}

/**
 * The canonical relay bytes, `abi.encode(Relay)` as one tuple parameter (spec §1.1): the bytes that are
 * hashed for mining and stored as the sum-trie leaf value. Hand-rolled for the fixed layout (see
 * relayLayout.ts) and checked byte-identical to viem's `encodeAbiParameters`; validates every field.
 *
 * @param relay - both signed headers; signatures must be 65 bytes.
 * @returns 928 + 32·⌈len(serviceId)/32⌉ bytes.
 * @throws {InvalidHexError | InvalidFieldError | IntegerOutOfRangeError | InvalidSignatureLengthError}
 *
 * @example
 * const relayBytes = encodeRelay({ request, requestSignature, response, responseSignature })
 * const relayHash = computeRelayHash(relayBytes)
 */
export function encodeRelay(relay: EncodeRelayParameters): EncodeRelayReturnType {
  const serviceIdLength = serviceIdByteLength(relay.request.session.serviceId)
  const at = relaySignatureOffsets(serviceIdLength)
  const out = Buffer.alloc(at.end)
  writeLengthWord(out, 0, L.tuple)
  writeLengthWord(out, L.requestOffsetWord, L.request - L.tuple)
  writeLengthWord(out, L.requestSignatureOffsetWord, at.requestSignature - L.tuple)
  writeResponse(out, relay.response)
  writeLengthWord(out, L.responseSignatureOffsetWord, at.responseSignature - L.tuple)
  writeRequestHead(out, relay.request)
  writeSessionHeaderTuple(out, L.session, relay.request.session, serviceIdLength)
  writeSignature(out, at.requestSignature, relay.requestSignature, 'requestSignature')
  writeSignature(out, at.responseSignature, relay.responseSignature, 'responseSignature')
  return asUint8Array(out)
}
