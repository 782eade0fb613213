import fc from 'fast-check'
import { recoverAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import type { Hex } from '../bytes/bytes.ts'
import { hexArb } from '../relay/arbitraries.test-util.ts'
import { anvilKey0, privateKeyArb, randomDigest, secp256k1Order } from './arbitraries.test-util.ts'
import { privateKeyToAddress } from './privateKeyToAddress.ts'
import { recoverDigestSigner } from './recoverDigestSigner.ts'
import { secp256k1 } from './secp256k1Native.ts'
import { signDigest } from './signDigest.ts'

const word = (value: bigint) => value.toString(16).padStart(64, '0')
const parts = (signature: Hex) => ({
  r: BigInt(`0x${signature.slice(2, 66)}`),
  s: BigInt(`0x${signature.slice(66, 130)}`),
  v: Number.parseInt(signature.slice(130), 16),
})
const join = (r: bigint, s: bigint, v: number): Hex =>
  `0x${word(r)}${word(s)}${v.toString(16).padStart(2, '0')}`

const digest = randomDigest()
const signature = signDigest(anvilKey0, digest)
const { r, s, v } = parts(signature)

describe('recoverDigestSigner', () => {
  it('default', () => {
    expect(recoverDigestSigner(digest, signature)).toBe('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')
  })

  it('behavior: recovers the signer and equals viem recoverAddress over random keys and digests', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyArb, hexArb(32), async (key, hash) => {
        const sig = signDigest(key, hash)
        const signer = recoverDigestSigner(hash, sig)
        expect(signer).toBe(privateKeyToAddress(key))
        expect(signer).toBe((await recoverAddress({ hash, signature: sig })).toLowerCase())
      }),
      { numRuns: 30 },
    )
  })

  it('behavior: upper-case hex is accepted', () => {
    expect(recoverDigestSigner(digest, `0x${signature.slice(2).toUpperCase()}`)).toBe(
      recoverDigestSigner(digest, signature),
    )
  })

  it('error: the high-S twin of a valid signature is rejected', () => {
    expect(() => recoverDigestSigner(digest, join(r, secp256k1Order - s, v === 27 ? 28 : 27))).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_HIGH_S' }),
    )
  })

  it('error: v other than 27/28 (0 and 1 included)', () => {
    for (const bad of [0, 1, 2, 26, 29, 35, 255])
      expect(() => recoverDigestSigner(digest, join(r, s, bad))).toThrow(
        expect.objectContaining({ code: 'SIGNATURE_INVALID_V' }),
      )
  })

  it('error: r or s zero or not below n', () => {
    for (const sig of [
      join(0n, s, v),
      join(r, 0n, v),
      join(secp256k1Order, s, v),
      join(r, secp256k1Order, v),
    ])
      expect(() => recoverDigestSigner(digest, sig)).toThrow(
        expect.objectContaining({ code: 'SIGNATURE_INVALID_SCALAR' }),
      )
    expect(() => recoverDigestSigner(digest, join(2n ** 256n - 1n, s, v))).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_INVALID_SCALAR' }),
    )
  })

  it('error: wrong length or not hex', () => {
    for (const sig of [
      '0x',
      signature.slice(0, 130),
      `${signature}00`,
      `${signature.slice(0, 130)}zz`,
      'nope',
    ])
      expect(() => recoverDigestSigner(digest, sig as Hex)).toThrow(
        expect.objectContaining({ code: 'SIGNATURE_MALFORMED' }),
      )
  })

  it('error: an r that is no curve point recovers nothing', () => {
    // Find the smallest x with no point on the curve; libsecp256k1 must refuse it.
    let x = 1n
    while (isCurveX(x)) x++
    expect(() => recoverDigestSigner(digest, join(x, s, v))).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_RECOVERY_FAILED' }),
    )
  })
})

function isCurveX(x: bigint): boolean {
  const compressed = Buffer.from(`02${word(x)}`, 'hex')
  return secp256k1.publicKeyVerify(compressed)
}
