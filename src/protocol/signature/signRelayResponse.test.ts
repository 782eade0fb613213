import fc from 'fast-check'
import { recoverTypedDataAddress } from 'viem'
import { signTypedData } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import type { Hex } from '../bytes/bytes.ts'
import { relayResponseArb, sampleRelay } from '../relay/arbitraries.test-util.ts'
import {
  anvilKey0,
  domainArb,
  privateKeyArb,
  sampleDomain,
  secp256k1Order,
  viemDomain,
} from './arbitraries.test-util.ts'
import { privateKeyToAddress } from './privateKeyToAddress.ts'
import { recoverRelayResponseSigner } from './recoverRelayResponseSigner.ts'
import { signRelayResponse } from './signRelayResponse.ts'
import { relayTypes } from './typedData.ts'

describe('signRelayResponse / recoverRelayResponseSigner', () => {
  it('default', () => {
    const signature = signRelayResponse(anvilKey0, sampleDomain, sampleRelay.response)
    expect(recoverRelayResponseSigner(sampleDomain, sampleRelay.response, signature)).toBe(
      privateKeyToAddress(anvilKey0),
    )
  })

  it('behavior: equals viem signTypedData and recoverTypedDataAddress over random inputs', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyArb, domainArb, relayResponseArb, async (privateKey, domain, message) => {
        const typed = {
          domain: viemDomain(domain),
          types: relayTypes,
          primaryType: 'RelayResponse',
          message,
        } as const
        const signature = signRelayResponse(privateKey, domain, message)
        expect(signature).toBe(await signTypedData({ privateKey, ...typed }))
        expect(recoverRelayResponseSigner(domain, message, signature)).toBe(
          (await recoverTypedDataAddress({ ...typed, signature })).toLowerCase(),
        )
      }),
      { numRuns: 25 },
    )
  })

  it('error: a high-S signature', () => {
    const signature = signRelayResponse(anvilKey0, sampleDomain, sampleRelay.response)
    const s = BigInt(`0x${signature.slice(66, 130)}`)
    const highS = (secp256k1Order - s).toString(16).padStart(64, '0')
    const flipped: Hex = `${signature.slice(0, 66) as Hex}${highS}${signature.endsWith('1b') ? '1c' : '1b'}`
    expect(() => recoverRelayResponseSigner(sampleDomain, sampleRelay.response, flipped)).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_HIGH_S' }),
    )
  })
})
