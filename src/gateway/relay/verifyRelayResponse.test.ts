import { describe, expect, it } from 'vitest'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { RelayRequest } from '../../protocol/relay/types.ts'
import { verifyRelayResponse } from './verifyRelayResponse.ts'

// The checks themselves are tested with the protocol's verifyRelayResponse (and a valid answer end to end
// in routing's tests); this is the gateway's edge: a failed check becomes the gateway's coded error.
const requestHash: Hex = `0x${'11'.repeat(32)}`
const receivedPayloadHash: Hex = `0x${'22'.repeat(32)}`
const request = { maxInputTokens: 100, maxOutputTokens: 5, supplier: `0x${'33'.repeat(20)}` } as RelayRequest
const response = {
  requestHash,
  payloadHash: receivedPayloadHash,
  inputTokens: 8,
  outputTokens: 3,
  status: 200,
}
const verify = (signed: unknown) =>
  verifyRelayResponse({
    domain: { chainId: 31337, verifyingContract: `0x${'ab'.repeat(20)}` },
    request,
    requestHash,
    receivedPayloadHash,
    signed,
    reportedUsage: { prompt_tokens: 7, completion_tokens: 3 },
  })

describe('verifyRelayResponse (gateway)', () => {
  it('error: a failed check is GATEWAY_INVALID_RELAY_RESPONSE naming the check, with its details', () => {
    expect(() => verify({ response, responseSignature: `0x${'00'.repeat(65)}` })).toThrow(
      expect.objectContaining({
        code: 'GATEWAY_INVALID_RELAY_RESPONSE',
        check: 'usage-mismatch',
        details: 'signed 8/3, body 7/3',
        fault: 'supplier',
      }),
    )
  })

  it('error: a malformed answer is refused the same way', () => {
    expect(() => verify({ response: {} })).toThrow(
      expect.objectContaining({ code: 'GATEWAY_INVALID_RELAY_RESPONSE', check: 'malformed' }),
    )
  })
})
