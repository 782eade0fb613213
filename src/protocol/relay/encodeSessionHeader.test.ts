import fc from 'fast-check'
import { encodeAbiParameters } from 'viem'
import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../bytes/bytes.ts'
import { sampleRelay, sessionHeaderArb } from './arbitraries.test-util.ts'
import { encodeSessionHeader } from './encodeSessionHeader.ts'
import { sessionHeaderAbiParameter } from './relayAbi.ts'

const session = sampleRelay.request.session

describe('encodeSessionHeader', () => {
  it('default', () => {
    expect(bytesToHex(encodeSessionHeader(session))).toMatchInlineSnapshot(
      `"0x000000000000000000000000000000000000000000000000000000000000002000000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c800000000000000000000000000000000000000000000000000000000000000a011111111111111111111111111111111111111111111111111111111111111110000000000000000000000000000000000000000000000000000000000000064000000000000000000000000000000000000000000000000000000000000006d000000000000000000000000000000000000000000000000000000000000000a6c6c616d612d74696e7900000000000000000000000000000000000000000000"`,
    )
  })

  it('behavior: byte-identical to viem encodeAbiParameters over random headers', () => {
    fc.assert(
      fc.property(sessionHeaderArb, (header) => {
        expect(bytesToHex(encodeSessionHeader(header))).toBe(
          encodeAbiParameters([sessionHeaderAbiParameter], [header]),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('error: out-of-range height', () => {
    expect(() => encodeSessionHeader({ ...session, sessionEndHeight: 2n ** 64n })).toThrow(
      expect.objectContaining({ code: 'ENCODING_INTEGER_OUT_OF_RANGE' }),
    )
  })

  it('error: malformed application', () => {
    expect(() => encodeSessionHeader({ ...session, application: '0x1234' })).toThrow(
      expect.objectContaining({ code: 'ENCODING_INVALID_FIELD' }),
    )
  })
})
