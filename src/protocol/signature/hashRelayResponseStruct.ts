import { bytesToHex, type Hex } from '../bytes/bytes.ts'
import { writeHex, writeSmallUintWord } from '../relay/abiWords.ts'
import type { RelayResponse } from '../relay/types.ts'
import { keccak256 } from './keccak256.ts'
import { typeHashes } from './typeHashes.ts'

/** The struct hash as bytes. */
export function relayResponseStructBytes(response: RelayResponse): Uint8Array {
  const out = Buffer.alloc(6 * 32)
  out.set(typeHashes.RelayResponse, 0)
  writeHex(out, 32, response.requestHash, 32, 'response.requestHash')
  writeHex(out, 64, response.payloadHash, 32, 'response.payloadHash')
  writeSmallUintWord(out, 96, response.inputTokens, 32, 'response.inputTokens')
  writeSmallUintWord(out, 128, response.outputTokens, 32, 'response.outputTokens')
  writeSmallUintWord(out, 160, response.status, 16, 'response.status')
  return keccak256(out)
}

/**
 * EIP-712 `hashStruct(RelayResponse)` (spec §4).
 *
 * @param response - the relay response.
 * @returns the 32-byte struct hash as hex.
 * @throws the ENCODING errors of `encodeRelay` for fields that do not fit their types.
 *
 * @example
 * hashRelayResponseStruct(response)
 */
export function hashRelayResponseStruct(response: RelayResponse): Hex {
  return bytesToHex(relayResponseStructBytes(response))
}
