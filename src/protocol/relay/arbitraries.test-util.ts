/**
 * fast-check arbitraries for the relay types (test-only; imported by *.test.ts in relay/ and signature/).
 * Hex comes out lower case, as viem's checksum validation requires for non-checksummed addresses.
 */
import fc from 'fast-check'
import { bytesToHex, type Hex } from '../bytes/bytes.ts'
import type { Relay, RelayRequest, RelayResponse, SessionHeader } from './types.ts'

export const hexArb = (bytes: number): fc.Arbitrary<Hex> =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => bytesToHex(b))

const uint64Arb = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.constantFrom(0n, 2n ** 64n - 1n))
const uint32Arb = fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom(0, 2 ** 32 - 1))
const uint16Arb = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(200, 0xffff))

/** Service ids: short ASCII ids as used in practice, and any well-formed Unicode up to a few words long. */
export const serviceIdArb = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{0,40}$/),
  fc.string({ unit: 'binary', maxLength: 80 }),
)

export const sessionHeaderArb: fc.Arbitrary<SessionHeader> = fc.record({
  application: hexArb(20),
  serviceId: serviceIdArb,
  sessionId: hexArb(32),
  sessionStartHeight: uint64Arb,
  sessionEndHeight: uint64Arb,
})

export const relayRequestArb: fc.Arbitrary<RelayRequest> = fc.record({
  session: sessionHeaderArb,
  supplier: hexArb(20),
  payloadHash: hexArb(32),
  maxInputTokens: uint32Arb,
  maxOutputTokens: uint32Arb,
  nonce: uint64Arb,
})

export const relayResponseArb: fc.Arbitrary<RelayResponse> = fc.record({
  requestHash: hexArb(32),
  payloadHash: hexArb(32),
  inputTokens: uint32Arb,
  outputTokens: uint32Arb,
  status: uint16Arb,
})

export const relayArb: fc.Arbitrary<Relay> = fc.record({
  request: relayRequestArb,
  requestSignature: hexArb(65),
  response: relayResponseArb,
  responseSignature: hexArb(65),
})

/** A fixed, readable relay for examples and error cases. */
export const sampleRelay: Relay = {
  request: {
    session: {
      application: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
      serviceId: 'llama-tiny',
      sessionId: `0x${'11'.repeat(32)}`,
      sessionStartHeight: 100n,
      sessionEndHeight: 109n,
    },
    supplier: '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc',
    payloadHash: `0x${'22'.repeat(32)}`,
    maxInputTokens: 4096,
    maxOutputTokens: 512,
    nonce: 7n,
  },
  requestSignature: `0x${'aa'.repeat(64)}1b`,
  response: {
    requestHash: `0x${'33'.repeat(32)}`,
    payloadHash: `0x${'44'.repeat(32)}`,
    inputTokens: 12,
    outputTokens: 34,
    status: 200,
  },
  responseSignature: `0x${'bb'.repeat(64)}1c`,
}
