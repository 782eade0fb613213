import fc from 'fast-check'
import { recoverTypedDataAddress } from 'viem'
import { signTypedData } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { relayRequestArb, sampleRelay } from '../relay/arbitraries.test-util.ts'
import { anvilKey0, domainArb, privateKeyArb, sampleDomain, viemDomain } from './arbitraries.test-util.ts'
import { privateKeyToAddress } from './privateKeyToAddress.ts'
import { recoverRelayRequestSigner } from './recoverRelayRequestSigner.ts'
import { signRelayRequest } from './signRelayRequest.ts'
import { relayTypes } from './typedData.ts'

describe('signRelayRequest / recoverRelayRequestSigner', () => {
  it('default', async () => {
    const signature = signRelayRequest(anvilKey0, sampleDomain, sampleRelay.request)
    expect(signature).toBe(
      await signTypedData({
        privateKey: anvilKey0,
        domain: viemDomain(sampleDomain),
        types: relayTypes,
        primaryType: 'RelayRequest',
        message: sampleRelay.request,
      }),
    )
    expect(recoverRelayRequestSigner(sampleDomain, sampleRelay.request, signature)).toBe(
      privateKeyToAddress(anvilKey0),
    )
  })

  it('behavior: equals viem signTypedData and recoverTypedDataAddress over random inputs', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyArb, domainArb, relayRequestArb, async (privateKey, domain, message) => {
        const typed = {
          domain: viemDomain(domain),
          types: relayTypes,
          primaryType: 'RelayRequest',
          message,
        } as const
        const signature = signRelayRequest(privateKey, domain, message)
        expect(signature).toBe(await signTypedData({ privateKey, ...typed }))
        expect(recoverRelayRequestSigner(domain, message, signature)).toBe(
          (await recoverTypedDataAddress({ ...typed, signature })).toLowerCase(),
        )
      }),
      { numRuns: 25 },
    )
  })

  it('behavior: a changed field or another domain recovers another address', () => {
    const signature = signRelayRequest(anvilKey0, sampleDomain, sampleRelay.request)
    const signer = privateKeyToAddress(anvilKey0)
    const changed = { ...sampleRelay.request, maxOutputTokens: sampleRelay.request.maxOutputTokens + 1 }
    expect(recoverRelayRequestSigner(sampleDomain, changed, signature)).not.toBe(signer)
    expect(
      recoverRelayRequestSigner({ ...sampleDomain, chainId: 1 }, sampleRelay.request, signature),
    ).not.toBe(signer)
  })

  it('error: a malformed signature', () => {
    expect(() => recoverRelayRequestSigner(sampleDomain, sampleRelay.request, '0x1234')).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_MALFORMED' }),
    )
  })
})
