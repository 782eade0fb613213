import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sampleRelay, sessionHeaderArb } from './arbitraries.test-util.ts'
import { decodeSessionHeader } from './decodeSessionHeader.ts'
import { encodeSessionHeader } from './encodeSessionHeader.ts'

const bytes = encodeSessionHeader(sampleRelay.request.session)

describe('decodeSessionHeader', () => {
  it('default', () => {
    expect(decodeSessionHeader(bytes)).toEqual(sampleRelay.request.session)
  })

  it('behavior: round-trips random headers', () => {
    fc.assert(
      fc.property(sessionHeaderArb, (header) => {
        expect(decodeSessionHeader(encodeSessionHeader(header))).toEqual(header)
      }),
      { numRuns: 300 },
    )
  })

  it('error: truncated', () => {
    expect(() => decodeSessionHeader(bytes.subarray(0, bytes.length - 1))).toThrow(
      expect.objectContaining({ code: 'ENCODING_DECODE_FAILED' }),
    )
  })

  it('error: trailing bytes', () => {
    const longer = new Uint8Array(bytes.length + 1)
    longer.set(bytes)
    expect(() => decodeSessionHeader(longer)).toThrow(
      expect.objectContaining({ code: 'ENCODING_NON_CANONICAL' }),
    )
  })

  it('error: a service id length beyond the buffer', () => {
    const huge = bytes.slice()
    huge[32 + 160 + 28] = 0x7f
    expect(() => decodeSessionHeader(huge)).toThrow(
      expect.objectContaining({ code: 'ENCODING_DECODE_FAILED' }),
    )
  })
})
