/** fast-check arbitraries for signature tests (test-only). */
import fc from 'fast-check'
import { bytesToHex, type Hex } from '../bytes/bytes.ts'
import { hexArb } from '../relay/arbitraries.test-util.ts'
import type { RelayDomain } from './typedData.ts'

export const secp256k1Order = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

export const privateKeyArb: fc.Arbitrary<Hex> = fc
  .bigInt({ min: 1n, max: secp256k1Order - 1n })
  .map((k) => `0x${k.toString(16).padStart(64, '0')}` as Hex)

export const domainArb: fc.Arbitrary<RelayDomain> = fc.record({
  chainId: fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n })),
  verifyingContract: hexArb(20),
})

/** The shape viem's typed-data helpers take. */
export const viemDomain = (domain: RelayDomain) => ({ ...domain, name: 'decai', version: '1' }) as const

export const anvilKey0: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
export const sampleDomain: RelayDomain = {
  chainId: 31337,
  verifyingContract: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
}

export const randomDigest = (): Hex => bytesToHex(crypto.getRandomValues(new Uint8Array(32)))
