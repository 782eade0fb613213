import fc from 'fast-check'
import { encodeAbiParameters } from 'viem'
import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../bytes/bytes.ts'
import { relayArb, sampleRelay } from './arbitraries.test-util.ts'
import { encodeRelay } from './encodeRelay.ts'
import { relayAbiParameter } from './relayAbi.ts'
import type { Relay } from './types.ts'

const viemEncode = (relay: Relay) => encodeAbiParameters([relayAbiParameter], [relay])

function withField(mutate: (relay: Relay) => void): Relay {
  const relay = structuredClone(sampleRelay)
  mutate(relay)
  return relay
}

describe('encodeRelay', () => {
  it('default', () => {
    const bytes = encodeRelay(sampleRelay)
    expect(bytes).toBeInstanceOf(Uint8Array)
    expect(bytes.length).toBe(960)
    expect(bytesToHex(bytes)).toBe(viemEncode(sampleRelay))
  })

  it('behavior: byte-identical to viem encodeAbiParameters over random relays', () => {
    fc.assert(
      fc.property(relayArb, (relay) => {
        expect(bytesToHex(encodeRelay(relay))).toBe(viemEncode(relay))
      }),
      { numRuns: 300 },
    )
  })

  it('behavior: hex input is case-insensitive', () => {
    const upper = withField((r) => {
      r.request.supplier = `0x${r.request.supplier.slice(2).toUpperCase()}`
      r.requestSignature = `0x${r.requestSignature.slice(2).toUpperCase()}`
    })
    expect(encodeRelay(upper)).toEqual(encodeRelay(sampleRelay))
  })

  it('behavior: empty and multi-word UTF-8 service ids', () => {
    for (const serviceId of ['', 'x'.repeat(32), 'modèle-ü-🦙'.repeat(5)]) {
      const relay = withField((r) => {
        r.request.session.serviceId = serviceId
      })
      expect(bytesToHex(encodeRelay(relay))).toBe(viemEncode(relay))
    }
  })

  it.each([
    [
      'supplier not hex',
      (r: Relay) => (r.request.supplier = '0xzz00000000000000000000000000000000000000'),
      'ENCODING_INVALID_HEX',
    ],
    [
      'supplier without 0x',
      (r: Relay) => (r.request.supplier = '3c44cdddb6a900fa2b585dd299e03d12fa4293bc' as '0x'),
      'ENCODING_INVALID_HEX',
    ],
    [
      'supplier 19 bytes',
      (r: Relay) => (r.request.supplier = `0x${'ab'.repeat(19)}`),
      'ENCODING_INVALID_FIELD',
    ],
    [
      'sessionId 31 bytes',
      (r: Relay) => (r.request.session.sessionId = `0x${'ab'.repeat(31)}`),
      'ENCODING_INVALID_FIELD',
    ],
    [
      'payloadHash odd hex',
      (r: Relay) => (r.response.payloadHash = `0x${'a'.repeat(63)}`),
      'ENCODING_INVALID_FIELD',
    ],
    [
      'signature 64 bytes',
      (r: Relay) => (r.requestSignature = `0x${'ab'.repeat(64)}`),
      'ENCODING_INVALID_SIGNATURE_LENGTH',
    ],
    [
      'signature 66 bytes',
      (r: Relay) => (r.responseSignature = `0x${'ab'.repeat(66)}`),
      'ENCODING_INVALID_SIGNATURE_LENGTH',
    ],
    [
      'signature bad digit',
      (r: Relay) => (r.responseSignature = `0x${'ab'.repeat(64)}g0`),
      'ENCODING_INVALID_HEX',
    ],
    [
      'maxInputTokens 2^32',
      (r: Relay) => (r.request.maxInputTokens = 2 ** 32),
      'ENCODING_INTEGER_OUT_OF_RANGE',
    ],
    [
      'maxOutputTokens negative',
      (r: Relay) => (r.request.maxOutputTokens = -1),
      'ENCODING_INTEGER_OUT_OF_RANGE',
    ],
    ['inputTokens fractional', (r: Relay) => (r.response.inputTokens = 1.5), 'ENCODING_INTEGER_OUT_OF_RANGE'],
    ['status 2^16', (r: Relay) => (r.response.status = 65536), 'ENCODING_INTEGER_OUT_OF_RANGE'],
    ['nonce 2^64', (r: Relay) => (r.request.nonce = 2n ** 64n), 'ENCODING_INTEGER_OUT_OF_RANGE'],
    [
      'nonce a number',
      (r: Relay) => (r.request.nonce = 7 as unknown as bigint),
      'ENCODING_INTEGER_OUT_OF_RANGE',
    ],
    [
      'start height negative',
      (r: Relay) => (r.request.session.sessionStartHeight = -1n),
      'ENCODING_INTEGER_OUT_OF_RANGE',
    ],
    [
      'serviceId lone surrogate',
      (r: Relay) => (r.request.session.serviceId = 'a\ud800'),
      'ENCODING_INVALID_FIELD',
    ],
    [
      'serviceId not a string',
      (r: Relay) => (r.request.session.serviceId = 1 as unknown as string),
      'ENCODING_INVALID_FIELD',
    ],
  ])('error: %s', (_name, mutate, code) => {
    expect(() => encodeRelay(withField(mutate))).toThrow(expect.objectContaining({ code }))
  })
})
