import { bytesToHex, type Hex } from '../bytes/bytes.ts'
import { writeAddressWord, writeHex, writeSmallUintWord, writeUint64Word } from '../relay/abiWords.ts'
import type { RelayRequest } from '../relay/types.ts'
import { sessionHeaderStructBytes } from './hashSessionHeaderStruct.ts'
import { keccak256 } from './keccak256.ts'
import { typeHashes } from './typeHashes.ts'

/** The struct hash as bytes. */
export function relayRequestStructBytes(request: RelayRequest): Uint8Array {
  const out = Buffer.alloc(7 * 32)
  out.set(typeHashes.RelayRequest, 0)
  out.set(sessionHeaderStructBytes(request.session), 32)
  writeAddressWord(out, 64, request.supplier, 'request.supplier')
  writeHex(out, 96, request.payloadHash, 32, 'request.payloadHash')
  writeSmallUintWord(out, 128, request.maxInputTokens, 32, 'request.maxInputTokens')
  writeSmallUintWord(out, 160, request.maxOutputTokens, 32, 'request.maxOutputTokens')
  writeUint64Word(out, 192, request.nonce, 'request.nonce')
  return keccak256(out)
}

/**
 * EIP-712 `hashStruct(RelayRequest)` (spec §4), the nested SessionHeader encoded as its struct hash.
 *
 * @param request - the relay request.
 * @returns the 32-byte struct hash as hex.
 * @throws the ENCODING errors of `encodeRelay` for fields that do not fit their types.
 *
 * @example
 * hashRelayRequestStruct(request)
 */
export function hashRelayRequestStruct(request: RelayRequest): Hex {
  return bytesToHex(relayRequestStructBytes(request))
}
