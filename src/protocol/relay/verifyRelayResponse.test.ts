import { describe, expect, it } from 'vitest'
import type { Hex } from '../bytes/bytes.ts'
import { hashRelayRequest } from '../signature/hashRelayRequest.ts'
import { privateKeyToAddress } from '../signature/privateKeyToAddress.ts'
import { signRelayResponse } from '../signature/signRelayResponse.ts'
import { hashResponsePayload } from './hashResponsePayload.ts'
import type { RelayRequest } from './types.ts'
import { verifyRelayResponse } from './verifyRelayResponse.ts'

const domain = { chainId: 31337, verifyingContract: `0x${'ab'.repeat(20)}` as Hex }
// Anvil's public dev keys 3 and 4.
const supplierKey: Hex = '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6'
const strangerKey: Hex = '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a'
const body = { choices: [{ message: { content: 'hi' } }], usage: { prompt_tokens: 7, completion_tokens: 3 } }
const request: RelayRequest = {
  session: {
    application: `0x${'aa'.repeat(20)}`,
    serviceId: 'llama-tiny',
    sessionId: `0x${'01'.repeat(32)}`,
    sessionStartHeight: 21n,
    sessionEndHeight: 30n,
  },
  supplier: privateKeyToAddress(supplierKey),
  payloadHash: `0x${'05'.repeat(32)}`,
  maxInputTokens: 100,
  maxOutputTokens: 5,
  nonce: 7n,
}
const requestHash = hashRelayRequest(domain, request)
const payloadHash = hashResponsePayload({ status: 200, body })

function signedResponse(
  overrides: { inputTokens?: number; outputTokens?: number; status?: number; key?: Hex } = {},
) {
  const response = {
    requestHash,
    payloadHash,
    inputTokens: overrides.inputTokens ?? 7,
    outputTokens: overrides.outputTokens ?? 3,
    status: overrides.status ?? 200,
  }
  return { response, responseSignature: signRelayResponse(overrides.key ?? supplierKey, domain, response) }
}

const verify = (signed: unknown, extra: Partial<Parameters<typeof verifyRelayResponse>[0]> = {}) =>
  verifyRelayResponse({
    domain,
    request,
    requestHash,
    receivedPayloadHash: payloadHash,
    signed,
    reportedUsage: body.usage,
    ...extra,
  })

describe('verifyRelayResponse', () => {
  it('default: a response signed by the supplier over what was received verifies', () => {
    expect(verify(signedResponse())).toEqual({
      isValid: true,
      response: { requestHash, payloadHash, inputTokens: 7, outputTokens: 3, status: 200 },
    })
  })

  it('behavior: hex in upper case is accepted and returned in lower case', () => {
    const signed = signedResponse()
    const shouted = {
      ...signed,
      response: { ...signed.response, payloadHash: payloadHash.toUpperCase().replace('0X', '0x') },
    }
    expect(verify(shouted)).toMatchObject({ isValid: true, response: { payloadHash } })
  })

  it('behavior: usage above a bound must equal the bound (the relayminer cuts it)', () => {
    const result = verify(signedResponse({ outputTokens: 5 }), {
      reportedUsage: { prompt_tokens: 7, completion_tokens: 9 },
    })
    expect(result).toMatchObject({ isValid: true, response: { outputTokens: 5 } })
  })

  it('behavior: a body without usage is not cross-checked', () => {
    expect(verify(signedResponse({ inputTokens: 9 }), { reportedUsage: undefined }).isValid).toBe(true)
  })

  it.each([
    ['error: another signer', signedResponse({ key: strangerKey }), {}, 'signer'],
    [
      'error: another request',
      signedResponse(),
      { requestHash: `0x${'11'.repeat(32)}` as Hex },
      'request-hash',
    ],
    [
      'error: another payload',
      signedResponse(),
      { receivedPayloadHash: `0x${'22'.repeat(32)}` as Hex },
      'payload-hash',
    ],
    ['error: usage above the signed bound', signedResponse({ outputTokens: 6 }), {}, 'usage-bounds'],
    ['error: signed usage differs from the body', signedResponse({ inputTokens: 8 }), {}, 'usage-mismatch'],
    ['error: a status other than 200', signedResponse({ status: 500 }), {}, 'status'],
    ['error: not a signed response', { response: {} }, {}, 'malformed'],
    ['error: nothing at all', undefined, {}, 'malformed'],
    [
      'error: a fractional token count',
      { ...signedResponse(), response: { ...signedResponse().response, inputTokens: 7.5 } },
      {},
      'malformed',
    ],
    [
      'error: a short signature',
      { ...signedResponse(), responseSignature: `0x${'00'.repeat(64)}` },
      {},
      'malformed',
    ],
    [
      'error: a signature that recovers no key',
      { ...signedResponse(), responseSignature: `0x${'00'.repeat(65)}` },
      {},
      'signer',
    ],
  ] as const)('%s', (_name, signed, extra, check) => {
    expect(verify(signed, extra)).toMatchObject({ isValid: false, check })
  })
})
