import { describe, expect, it } from 'vitest'
import { anvilDevPrivateKeys } from '../../chain/localChain/devAccounts.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { hashResponsePayload } from '../../protocol/relay/hashResponsePayload.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { signRelayResponse } from '../../protocol/signature/signRelayResponse.ts'
import { InvalidRelayResponseError } from '../errors.ts'
import { buildRelayEnvelope } from './buildRelayEnvelope.ts'
import { verifyRelayResponse } from './verifyRelayResponse.ts'

const domain = { chainId: 31337, verifyingContract: `0x${'ab'.repeat(20)}` as Hex }
const supplierKey = anvilDevPrivateKeys[3] as Hex
const body = { choices: [{ message: { content: 'hi' } }], usage: { prompt_tokens: 7, completion_tokens: 3 } }

function setup(overrides: { inputTokens?: number; outputTokens?: number; status?: number; key?: Hex } = {}) {
  const relay = buildRelayEnvelope({
    domain,
    header: {
      application: `0x${'aa'.repeat(20)}`,
      serviceId: 'llama-tiny',
      sessionId: `0x${'01'.repeat(32)}`,
      sessionStartHeight: 21n,
      sessionEndHeight: 30n,
    },
    supplier: privateKeyToAddress(supplierKey),
    payload: { method: 'POST', path: '/v1/chat/completions', body: { messages: [] } },
    maxInputTokens: 100,
    maxOutputTokens: 5,
    signerKey: anvilDevPrivateKeys[1] as Hex,
  })
  const payloadHash = hashResponsePayload({ status: 200, body })
  const response = {
    requestHash: relay.requestHash,
    payloadHash,
    inputTokens: overrides.inputTokens ?? 7,
    outputTokens: overrides.outputTokens ?? 3,
    status: overrides.status ?? 200,
  }
  const signed = {
    response,
    responseSignature: signRelayResponse(overrides.key ?? supplierKey, domain, response),
  }
  return { relay, signed, payloadHash }
}

function checkOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return error instanceof InvalidRelayResponseError ? error.check : 'other'
  }
  return undefined
}

describe('verifyRelayResponse', () => {
  const verify = (
    s: ReturnType<typeof setup>,
    extra: Partial<Parameters<typeof verifyRelayResponse>[0]> = {},
  ) =>
    verifyRelayResponse({
      domain,
      request: s.relay.request,
      requestHash: s.relay.requestHash,
      receivedPayloadHash: s.payloadHash,
      signed: s.signed,
      reportedUsage: body.usage,
      ...extra,
    })

  it('default: a response signed by the supplier over what was received verifies', () => {
    expect(verify(setup())).toMatchObject({ inputTokens: 7, outputTokens: 3 })
  })

  it('behavior: usage above a bound must equal the bound (the relayminer cuts it)', () => {
    const s = setup({ outputTokens: 5 })
    expect(verify(s, { reportedUsage: { prompt_tokens: 7, completion_tokens: 9 } }).outputTokens).toBe(5)
  })

  it.each([
    ['error: another signer', () => setup({ key: anvilDevPrivateKeys[4] as Hex }), {}, 'signer'],
    ['error: another request', () => setup(), { requestHash: `0x${'11'.repeat(32)}` as Hex }, 'request-hash'],
    [
      'error: another payload',
      () => setup(),
      { receivedPayloadHash: `0x${'22'.repeat(32)}` as Hex },
      'payload-hash',
    ],
    ['error: usage above the signed bound', () => setup({ outputTokens: 6 }), {}, 'usage-bounds'],
    ['error: signed usage differs from the body', () => setup({ inputTokens: 8 }), {}, 'usage-mismatch'],
    ['error: a status other than 200', () => setup({ status: 500 }), {}, 'status'],
    ['error: not a signed response', () => setup(), { signed: { response: {} } }, 'malformed'],
  ] as const)('%s', (_name, make, extra, check) => {
    expect(checkOf(() => verify(make(), extra))).toBe(check)
  })
})
