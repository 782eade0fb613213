import fc from 'fast-check'
import { hashStruct, hashTypedData } from 'viem'
import { describe, expect, it } from 'vitest'
import { relayRequestArb, sampleRelay } from '../relay/arbitraries.test-util.ts'
import type { RelayRequest } from '../relay/types.ts'
import { domainArb, sampleDomain, viemDomain } from './arbitraries.test-util.ts'
import { hashRelayRequest } from './hashRelayRequest.ts'
import { hashRelayRequestStruct } from './hashRelayRequestStruct.ts'
import { hashSessionHeaderStruct } from './hashSessionHeaderStruct.ts'
import type { RelayDomain } from './typedData.ts'
import { relayTypes } from './typedData.ts'

const viemDigest = (domain: RelayDomain, message: RelayRequest) =>
  hashTypedData({ domain: viemDomain(domain), types: relayTypes, primaryType: 'RelayRequest', message })

describe('hashRelayRequest', () => {
  it('default', () => {
    expect(hashRelayRequest(sampleDomain, sampleRelay.request)).toBe(
      viemDigest(sampleDomain, sampleRelay.request),
    )
  })

  it('behavior: equals viem hashTypedData over random domains and requests', () => {
    fc.assert(
      fc.property(domainArb, relayRequestArb, (domain, request) => {
        expect(hashRelayRequest(domain, request)).toBe(viemDigest(domain, request))
      }),
      { numRuns: 100 },
    )
  })

  it('behavior: struct hashes equal viem hashStruct', () => {
    fc.assert(
      fc.property(relayRequestArb, (request) => {
        expect(hashRelayRequestStruct(request)).toBe(
          hashStruct({ data: request, primaryType: 'RelayRequest', types: relayTypes }),
        )
        expect(hashSessionHeaderStruct(request.session)).toBe(
          hashStruct({ data: request.session, primaryType: 'SessionHeader', types: relayTypes }),
        )
      }),
      { numRuns: 100 },
    )
  })

  it('behavior: the session memo never serves a stale hash when only one header field differs', () => {
    const base = sampleRelay.request
    const variants: RelayRequest[] = [
      base,
      { ...base, session: { ...base.session, serviceId: 'other' } },
      { ...base, session: { ...base.session, application: base.supplier } },
      { ...base, session: { ...base.session, sessionStartHeight: 99n } },
      { ...base, session: { ...base.session, sessionEndHeight: 110n } },
      base,
    ]
    for (const request of variants)
      expect(hashRelayRequest(sampleDomain, request)).toBe(viemDigest(sampleDomain, request))
  })

  it('error: a field that does not fit its type', () => {
    expect(() =>
      hashRelayRequest(sampleDomain, { ...sampleRelay.request, maxOutputTokens: 2 ** 32 }),
    ).toThrow(expect.objectContaining({ code: 'ENCODING_INTEGER_OUT_OF_RANGE' }))
  })
})
