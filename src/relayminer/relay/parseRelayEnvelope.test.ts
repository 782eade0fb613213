import { describe, expect, it } from 'vitest'
import { sampleRelay } from '../../protocol/relay/arbitraries.test-util.ts'
import { parseRelayEnvelope, relayRequestToJson } from './parseRelayEnvelope.ts'

const payload = { method: 'POST', path: '/v1/chat/completions', body: { messages: [] } }
const valid = () => ({
  request: relayRequestToJson(sampleRelay.request),
  requestSignature: sampleRelay.requestSignature,
  payload,
})

describe('parseRelayEnvelope', () => {
  it('default: round-trips relayRequestToJson', () => {
    expect(parseRelayEnvelope(JSON.parse(JSON.stringify(valid())))).toEqual({
      request: sampleRelay.request,
      requestSignature: sampleRelay.requestSignature,
      payload,
    })
  })

  it('behavior: hex is lower-cased and safe-integer heights are accepted', () => {
    const envelope = valid()
    envelope.request.supplier = envelope.request.supplier.toUpperCase().replace('0X', '0x') as never
    const parsed = parseRelayEnvelope({ ...envelope, request: { ...envelope.request, nonce: 7 } })
    expect(parsed.request.supplier).toBe(sampleRelay.request.supplier.toLowerCase())
    expect(parsed.request.nonce).toBe(7n)
  })

  it.each([
    ['not an object', () => [], 'body'],
    ['a missing signature', () => ({ ...valid(), requestSignature: undefined }), 'requestSignature'],
    ['an unknown field', () => ({ ...valid(), extra: 1 }), 'body.extra'],
    [
      'a short session id',
      () => ({
        ...valid(),
        request: { ...valid().request, session: { ...valid().request.session, sessionId: '0x12' } },
      }),
      'request.session.sessionId',
    ],
    [
      'a uint64 above 2^64 − 1',
      () => ({ ...valid(), request: { ...valid().request, nonce: '18446744073709551616' } }),
      'request.nonce',
    ],
    [
      'a negative bound',
      () => ({ ...valid(), request: { ...valid().request, maxOutputTokens: -1 } }),
      'request.maxOutputTokens',
    ],
    [
      'a path that is not a string',
      () => ({ ...valid(), payload: { method: 'POST', path: 3 } }),
      'payload.path',
    ],
  ])('error: %s is RELAYMINER_INVALID_RELAY naming the field', (_name, build, field) => {
    expect(() => parseRelayEnvelope(build())).toThrow(
      expect.objectContaining({
        code: 'RELAYMINER_INVALID_RELAY',
        shortMessage: expect.stringContaining(field),
      }),
    )
  })
})
