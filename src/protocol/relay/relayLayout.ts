import { padTo32 } from './abiWords.ts'

/**
 * Byte offsets of the canonical `abi.encode(Relay)` (spec §1.1). Everything is fixed except the service
 * id's padded length P, which shifts the two signatures:
 *
 *   0     0x20                         offset of the Relay tuple (T = 32)
 *   T     relay head: request offset (0x100), requestSignature offset, response (5 words inline),
 *         responseSignature offset
 *   288   request head: session offset (0xc0), supplier, payloadHash, maxInputTokens, maxOutputTokens, nonce
 *   480   session tuple (192 + P bytes)
 *   672+P requestSignature: length (65), 65 bytes, 31 zero bytes
 *   800+P responseSignature: same
 *   928+P end
 */
export const relayLayout = {
  tuple: 32,
  requestOffsetWord: 32,
  requestSignatureOffsetWord: 64,
  response: 96,
  responseSignatureOffsetWord: 256,
  request: 288,
  session: 480,
  /** Bytes of a relay whose service id is empty. */
  minBytes: 928,
} as const

/** Where the variable part puts the signatures, for a service id of `serviceIdLength` UTF-8 bytes. */
export function relaySignatureOffsets(serviceIdLength: number): {
  requestSignature: number
  responseSignature: number
  end: number
} {
  const padded = padTo32(serviceIdLength)
  return { requestSignature: 672 + padded, responseSignature: 800 + padded, end: 928 + padded }
}
