import fc from 'fast-check'
import { privateKeyToAddress as viemPrivateKeyToAddress } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { anvilKey0, privateKeyArb } from './arbitraries.test-util.ts'
import { privateKeyToAddress } from './privateKeyToAddress.ts'

describe('privateKeyToAddress', () => {
  it('default', () => {
    expect(privateKeyToAddress(anvilKey0)).toBe('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')
  })

  it('behavior: equals viem (lower case) over random keys', () => {
    fc.assert(
      fc.property(privateKeyArb, (key) => {
        expect(privateKeyToAddress(key)).toBe(viemPrivateKeyToAddress(key).toLowerCase())
      }),
      { numRuns: 50 },
    )
  })

  it('error: an invalid key', () => {
    expect(() => privateKeyToAddress(`0x${'ff'.repeat(32)}`)).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_INVALID_PRIVATE_KEY' }),
    )
  })
})
