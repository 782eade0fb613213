import fc from 'fast-check'
import { sign } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { hexArb } from '../relay/arbitraries.test-util.ts'
import { anvilKey0, privateKeyArb, randomDigest, secp256k1Order } from './arbitraries.test-util.ts'
import { signDigest } from './signDigest.ts'

describe('signDigest', () => {
  it('default', async () => {
    const digest = randomDigest()
    expect(signDigest(anvilKey0, digest)).toBe(await sign({ hash: digest, privateKey: anvilKey0, to: 'hex' }))
  })

  it('behavior: equals viem sign (RFC 6979, low-S, v 27/28) over random keys and digests', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyArb, hexArb(32), async (privateKey, digest) => {
        const signature = signDigest(privateKey, digest)
        expect(signature).toBe(await sign({ hash: digest, privateKey, to: 'hex' }))
        expect(BigInt(`0x${signature.slice(66, 130)}`) <= secp256k1Order / 2n).toBe(true)
        expect(['1b', '1c']).toContain(signature.slice(130))
      }),
      { numRuns: 50 },
    )
  })

  it('error: an invalid private key, without echoing it', () => {
    const keys = ['0x00', `0x${'00'.repeat(32)}`, `0x${secp256k1Order.toString(16)}`, `0x${'zz'.repeat(32)}`]
    for (const key of keys) {
      let message = ''
      expect(() => {
        try {
          signDigest(key as `0x${string}`, randomDigest())
        } catch (error) {
          message = (error as Error).message
          throw error
        }
      }).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID_PRIVATE_KEY' }))
      expect(message).not.toContain(key.slice(2, 12))
    }
  })

  it('error: a digest that is not 32 bytes', () => {
    expect(() => signDigest(anvilKey0, '0x1234')).toThrow(
      expect.objectContaining({ code: 'ENCODING_INVALID_FIELD' }),
    )
  })
})
