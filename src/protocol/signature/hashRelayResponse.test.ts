import fc from 'fast-check'
import { hashStruct, hashTypedData } from 'viem'
import { describe, expect, it } from 'vitest'
import { relayResponseArb, sampleRelay } from '../relay/arbitraries.test-util.ts'
import type { RelayResponse } from '../relay/types.ts'
import { domainArb, sampleDomain, viemDomain } from './arbitraries.test-util.ts'
import { hashRelayResponse } from './hashRelayResponse.ts'
import { hashRelayResponseStruct } from './hashRelayResponseStruct.ts'
import type { RelayDomain } from './typedData.ts'
import { relayTypes } from './typedData.ts'

const viemDigest = (domain: RelayDomain, message: RelayResponse) =>
  hashTypedData({ domain: viemDomain(domain), types: relayTypes, primaryType: 'RelayResponse', message })

describe('hashRelayResponse', () => {
  it('default', () => {
    expect(hashRelayResponse(sampleDomain, sampleRelay.response)).toBe(
      viemDigest(sampleDomain, sampleRelay.response),
    )
  })

  it('behavior: equals viem hashTypedData over random domains and responses', () => {
    fc.assert(
      fc.property(domainArb, relayResponseArb, (domain, response) => {
        expect(hashRelayResponse(domain, response)).toBe(viemDigest(domain, response))
        expect(hashRelayResponseStruct(response)).toBe(
          hashStruct({ data: response, primaryType: 'RelayResponse', types: relayTypes }),
        )
      }),
      { numRuns: 100 },
    )
  })

  it('error: a status that is not a uint16', () => {
    expect(() => hashRelayResponse(sampleDomain, { ...sampleRelay.response, status: 70000 })).toThrow(
      expect.objectContaining({ code: 'ENCODING_INTEGER_OUT_OF_RANGE' }),
    )
  })
})
