import type { Hex } from '../bytes/bytes.ts'

/**
 * The relay data types of spec §1. Addresses and 32-byte hashes are `0x` hex (decoders return lower case);
 * block heights and the nonce are bigint (uint64); token counts and the HTTP status are numbers (uint32/uint16).
 */

/** A session as the application and supplier see it (spec §1). */
export type SessionHeader = {
  /** The staked application's address. */
  application: Hex
  /** The service, e.g. `llama-tiny` (UTF-8). */
  serviceId: string
  /** bytes32, spec §3.3. */
  sessionId: Hex
  sessionStartHeight: bigint
  sessionEndHeight: bigint
}

/** What the application (or a gateway it delegated to) signs (spec §1). */
export type RelayRequest = {
  session: SessionHeader
  /** The supplier's operator address. */
  supplier: Hex
  /** bytes32, spec §2.1. */
  payloadHash: Hex
  /** uint32 bound the application commits to. */
  maxInputTokens: number
  /** uint32 bound the application commits to. */
  maxOutputTokens: number
  /** uint64, client-chosen so identical prompts are distinct relays. */
  nonce: bigint
}

/** What the supplier's operator key signs (spec §1). */
export type RelayResponse = {
  /** The EIP-712 digest that the request signature covers (spec §4). */
  requestHash: Hex
  /** bytes32, spec §2.2. */
  payloadHash: Hex
  /** uint32. */
  inputTokens: number
  /** uint32. */
  outputTokens: number
  /** uint16 HTTP status the supplier returned. */
  status: number
}

/** A complete relay: both signed headers (spec §1). Signatures are 65 bytes `r ‖ s ‖ v`. */
export type Relay = {
  request: RelayRequest
  requestSignature: Hex
  response: RelayResponse
  responseSignature: Hex
}
