/**
 * The relay types of spec §1 as viem ABI parameters, for code that talks to the contracts through viem
 * (and for tests that check the hand-rolled codecs against viem's generic coder).
 */

/** `SessionHeader` as an ABI tuple. */
export const sessionHeaderAbiParameter = {
  type: 'tuple',
  name: 'session',
  components: [
    { name: 'application', type: 'address' },
    { name: 'serviceId', type: 'string' },
    { name: 'sessionId', type: 'bytes32' },
    { name: 'sessionStartHeight', type: 'uint64' },
    { name: 'sessionEndHeight', type: 'uint64' },
  ],
} as const

/** `RelayRequest` as an ABI tuple. */
export const relayRequestAbiParameter = {
  type: 'tuple',
  name: 'request',
  components: [
    sessionHeaderAbiParameter,
    { name: 'supplier', type: 'address' },
    { name: 'payloadHash', type: 'bytes32' },
    { name: 'maxInputTokens', type: 'uint32' },
    { name: 'maxOutputTokens', type: 'uint32' },
    { name: 'nonce', type: 'uint64' },
  ],
} as const

/** `RelayResponse` as an ABI tuple. */
export const relayResponseAbiParameter = {
  type: 'tuple',
  name: 'response',
  components: [
    { name: 'requestHash', type: 'bytes32' },
    { name: 'payloadHash', type: 'bytes32' },
    { name: 'inputTokens', type: 'uint32' },
    { name: 'outputTokens', type: 'uint32' },
    { name: 'status', type: 'uint16' },
  ],
} as const

/** `Relay` as an ABI tuple: `abi.encode(Relay)` = `encodeAbiParameters([relayAbiParameter], [relay])`. */
export const relayAbiParameter = {
  type: 'tuple',
  name: 'relay',
  components: [
    relayRequestAbiParameter,
    { name: 'requestSignature', type: 'bytes' },
    relayResponseAbiParameter,
    { name: 'responseSignature', type: 'bytes' },
  ],
} as const
