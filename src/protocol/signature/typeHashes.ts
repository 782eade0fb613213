import { keccak256 } from './keccak256.ts'
import { relayTypeStrings } from './typedData.ts'

const utf8 = (text: string) => new TextEncoder().encode(text)

/** `keccak256(encodeType(T))` for each struct, computed once at load. */
export const typeHashes = {
  EIP712Domain: keccak256(utf8(relayTypeStrings.EIP712Domain)),
  SessionHeader: keccak256(utf8(relayTypeStrings.SessionHeader)),
  RelayRequest: keccak256(utf8(relayTypeStrings.RelayRequest)),
  RelayResponse: keccak256(utf8(relayTypeStrings.RelayResponse)),
} as const
