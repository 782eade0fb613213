import fc from 'fast-check'
import { hashDomain } from 'viem'
import { describe, expect, it } from 'vitest'
import { domainArb, sampleDomain, viemDomain } from './arbitraries.test-util.ts'
import { computeDomainSeparator } from './computeDomainSeparator.ts'
import type { RelayDomain } from './typedData.ts'

const viemHashDomain = (domain: RelayDomain) =>
  hashDomain({ domain: { ...viemDomain(domain), chainId: BigInt(domain.chainId) }, types: viemTypes })

const viemTypes = {
  EIP712Domain: [
    { name: 'name', type: 'string' },
    { name: 'version', type: 'string' },
    { name: 'chainId', type: 'uint256' },
    { name: 'verifyingContract', type: 'address' },
  ],
} as const

describe('computeDomainSeparator', () => {
  it('default', () => {
    expect(computeDomainSeparator(sampleDomain)).toBe(viemHashDomain(sampleDomain))
  })

  it('behavior: equals viem hashDomain over random domains', () => {
    fc.assert(
      fc.property(domainArb, (domain) => {
        expect(computeDomainSeparator(domain)).toBe(viemHashDomain(domain))
      }),
      { numRuns: 100 },
    )
  })

  it('behavior: accepts the fixed name and version, and a bigint chain id', () => {
    const full = { ...sampleDomain, name: 'decai', version: '1' } as const
    expect(computeDomainSeparator(full)).toBe(computeDomainSeparator(sampleDomain))
    expect(computeDomainSeparator({ ...sampleDomain, chainId: 31337n })).toBe(
      computeDomainSeparator(sampleDomain),
    )
  })

  it('error: another name or version', () => {
    expect(() => computeDomainSeparator({ ...sampleDomain, name: 'other' as 'decai' })).toThrow(
      expect.objectContaining({ code: 'ENCODING_INVALID_FIELD' }),
    )
    expect(() => computeDomainSeparator({ ...sampleDomain, version: '2' as '1' })).toThrow(
      expect.objectContaining({ code: 'ENCODING_INVALID_FIELD' }),
    )
  })

  it('error: a chain id that is not a uint256', () => {
    for (const chainId of [-1, 1.5, 2n ** 256n])
      expect(() => computeDomainSeparator({ ...sampleDomain, chainId })).toThrow(
        expect.objectContaining({ code: 'ENCODING_INTEGER_OUT_OF_RANGE' }),
      )
  })
})
