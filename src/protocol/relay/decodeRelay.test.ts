import fc from 'fast-check'
import { encodeAbiParameters } from 'viem'
import { describe, expect, it } from 'vitest'
import { hexToBytes } from '../bytes/bytes.ts'
import { BaseError } from '../errors/BaseError.ts'
import { relayArb, sampleRelay } from './arbitraries.test-util.ts'
import { decodeRelay } from './decodeRelay.ts'
import { encodeRelay } from './encodeRelay.ts'
import { relayAbiParameter } from './relayAbi.ts'

const sampleBytes = encodeRelay(sampleRelay)

/** A copy of the sample bytes with one word (or byte) overwritten. */
function patched(offset: number, value: number[]): Uint8Array {
  const bytes = sampleBytes.slice()
  bytes.set(value, offset)
  return bytes
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return error instanceof BaseError ? error.code : `not a BaseError: ${String(error)}`
  }
  return undefined
}

describe('decodeRelay', () => {
  it('default', () => {
    expect(decodeRelay(sampleBytes)).toEqual(sampleRelay)
  })

  it('behavior: round-trips random relays', () => {
    fc.assert(
      fc.property(relayArb, (relay) => {
        expect(decodeRelay(encodeRelay(relay))).toEqual(relay)
      }),
      { numRuns: 300 },
    )
  })

  it("behavior: decodes viem's encoding", () => {
    fc.assert(
      fc.property(relayArb, (relay) => {
        expect(decodeRelay(hexToBytes(encodeAbiParameters([relayAbiParameter], [relay])))).toEqual(relay)
      }),
      { numRuns: 100 },
    )
  })

  it('behavior: any single-byte change either throws a typed ENCODING error or decodes to other canonical bytes', () => {
    fc.assert(
      fc.property(fc.nat(sampleBytes.length - 1), fc.integer({ min: 1, max: 255 }), (index, xor) => {
        const bytes = sampleBytes.slice()
        bytes[index]! ^= xor
        const code = codeOf(() => expect(encodeRelay(decodeRelay(bytes))).toEqual(bytes))
        if (code !== undefined) expect(code).toMatch(/^ENCODING_/)
      }),
      { numRuns: 500 },
    )
  })

  it('error: every truncation is ENCODING_DECODE_FAILED', () => {
    for (let length = 0; length < sampleBytes.length; length++)
      expect(codeOf(() => decodeRelay(sampleBytes.subarray(0, length)))).toBe('ENCODING_DECODE_FAILED')
  })

  it('error: trailing bytes are non-canonical', () => {
    const longer = new Uint8Array(sampleBytes.length + 32)
    longer.set(sampleBytes)
    expect(codeOf(() => decodeRelay(longer))).toBe('ENCODING_NON_CANONICAL')
  })

  it('error: a shifted offset is non-canonical', () => {
    expect(codeOf(() => decodeRelay(patched(31, [0x40])))).toBe('ENCODING_NON_CANONICAL')
    expect(codeOf(() => decodeRelay(patched(32 + 31, [0x20])))).toBe('ENCODING_NON_CANONICAL')
  })

  it('error: dirty padding after the service id or a signature is non-canonical', () => {
    // 'llama-tiny' is 10 bytes at 480 + 192; byte 10 of that word is padding
    expect(codeOf(() => decodeRelay(patched(480 + 192 + 10, [1])))).toBe('ENCODING_NON_CANONICAL')
    expect(codeOf(() => decodeRelay(patched(sampleBytes.length - 1, [1])))).toBe('ENCODING_NON_CANONICAL')
  })

  it('error: dirty high bytes of an address fail to decode', () => {
    expect(codeOf(() => decodeRelay(patched(288 + 32, [1])))).toBe('ENCODING_DECODE_FAILED')
  })

  it('error: integers wider than their type', () => {
    expect(codeOf(() => decodeRelay(patched(288 + 96 + 27, [1])))).toBe('ENCODING_INTEGER_OUT_OF_RANGE')
    expect(codeOf(() => decodeRelay(patched(96 + 128 + 29, [1])))).toBe('ENCODING_INTEGER_OUT_OF_RANGE')
    expect(codeOf(() => decodeRelay(patched(480 + 96 + 23, [1])))).toBe('ENCODING_INTEGER_OUT_OF_RANGE')
  })

  it('error: a signature that is not 65 bytes', () => {
    const short = { ...sampleRelay, requestSignature: `0x${'ab'.repeat(64)}` as const }
    const bytes = hexToBytes(encodeAbiParameters([relayAbiParameter], [short]))
    expect(codeOf(() => decodeRelay(bytes))).toBe('ENCODING_INVALID_SIGNATURE_LENGTH')
    const long = { ...sampleRelay, responseSignature: `0x${'ab'.repeat(96)}` as const }
    const longBytes = hexToBytes(encodeAbiParameters([relayAbiParameter], [long]))
    expect(codeOf(() => decodeRelay(longBytes))).toBe('ENCODING_INVALID_SIGNATURE_LENGTH')
  })

  it('error: a service id that is not UTF-8', () => {
    expect(codeOf(() => decodeRelay(patched(480 + 192, [0xff])))).toBe('ENCODING_DECODE_FAILED')
  })
})
