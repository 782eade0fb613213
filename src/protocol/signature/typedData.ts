import type { Hex } from '../bytes/bytes.ts'

/**
 * The EIP-712 domain and types of spec §4. `name` and `version` are fixed; they may be given (so a viem
 * `TypedDataDomain` can be passed as is) but must then be exactly `decai` and `1`.
 */
export type RelayDomain = {
  name?: 'decai'
  version?: '1'
  chainId: number | bigint
  /** The ledger contract that verifies proofs. */
  verifyingContract: Hex
}

export const relayDomainName = 'decai'
export const relayDomainVersion = '1'

/** The struct types as viem's `TypedData` (for `hashTypedData`, `signTypedData`, wallets). */
export const relayTypes = {
  SessionHeader: [
    { name: 'application', type: 'address' },
    { name: 'serviceId', type: 'string' },
    { name: 'sessionId', type: 'bytes32' },
    { name: 'sessionStartHeight', type: 'uint64' },
    { name: 'sessionEndHeight', type: 'uint64' },
  ],
  RelayRequest: [
    { name: 'session', type: 'SessionHeader' },
    { name: 'supplier', type: 'address' },
    { name: 'payloadHash', type: 'bytes32' },
    { name: 'maxInputTokens', type: 'uint32' },
    { name: 'maxOutputTokens', type: 'uint32' },
    { name: 'nonce', type: 'uint64' },
  ],
  RelayResponse: [
    { name: 'requestHash', type: 'bytes32' },
    { name: 'payloadHash', type: 'bytes32' },
    { name: 'inputTokens', type: 'uint32' },
    { name: 'outputTokens', type: 'uint32' },
    { name: 'status', type: 'uint16' },
  ],
} as const

const sessionHeaderType =
  'SessionHeader(address application,string serviceId,bytes32 sessionId,uint64 sessionStartHeight,uint64 sessionEndHeight)'

/** EIP-712 `encodeType` strings (referenced struct types appended in alphabetical order). */
export const relayTypeStrings = {
  EIP712Domain: 'EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)',
  SessionHeader: sessionHeaderType,
  RelayRequest:
    'RelayRequest(SessionHeader session,address supplier,bytes32 payloadHash,uint32 maxInputTokens,' +
    `uint32 maxOutputTokens,uint64 nonce)${sessionHeaderType}`,
  RelayResponse:
    'RelayResponse(bytes32 requestHash,bytes32 payloadHash,uint32 inputTokens,uint32 outputTokens,uint16 status)',
} as const
