import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import jsSha3 from 'js-sha3'

/** The sponge of the `keccak` package's native addon (XKCP's Keccak-p[1600]). */
type KeccakSponge = {
  initialize(rate: number, capacity: number): void
  absorb(data: Uint8Array): void
  absorbLastFewBits(bits: number): void
  squeeze(length: number): Uint8Array
}

// keccak256('') — checked once at load, so a broken addon can never produce a wrong digest.
const EMPTY_DIGEST = 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'

function loadNativeSponge(): KeccakSponge | undefined {
  try {
    const require = createRequire(import.meta.url)
    const load = require('node-gyp-build') as (dir: string) => unknown
    const Sponge = load(dirname(require.resolve('keccak/package.json')))
    if (typeof Sponge !== 'function') return undefined
    const sponge = new (Sponge as new () => KeccakSponge)()
    return digestWith(sponge, new Uint8Array(0)).toString('hex') === EMPTY_DIGEST ? sponge : undefined
  } catch {
    return undefined
  }
}

function digestWith(sponge: KeccakSponge, data: Uint8Array): Buffer {
  // rate 1088, capacity 512, pad 0x01: Ethereum's Keccak-256 (FIPS SHA3-256 pads 0x06).
  sponge.initialize(1088, 512)
  sponge.absorb(data)
  sponge.absorbLastFewBits(0x01)
  return sponge.squeeze(32) as Buffer
}

// One sponge, re-initialised per digest: JavaScript never runs two digests at once.
const sponge = loadNativeSponge()

/**
 * Which Keccak-256 this process uses: `native` (the `keccak` package's prebuilt addon, 3–6× faster than
 * pure JS for the 66–224-byte inputs of the EIP-712 digests, see docs/relayminer.md) or `js` (js-sha3),
 * the fallback where no addon loads. Both give identical digests.
 */
export const keccak256Implementation: 'native' | 'js' = sponge ? 'native' : 'js'

/**
 * Keccak-256 (Ethereum's, not FIPS SHA3-256). Node's OpenSSL 3.0 has no Keccak, so it is the `keccak`
 * package's native addon where it loads, and js-sha3 (the fastest pure-JS one here) otherwise.
 */
export function keccak256(data: Uint8Array): Uint8Array {
  if (sponge === undefined) return new Uint8Array(jsSha3.keccak256.arrayBuffer(data))
  const digest = digestWith(sponge, data)
  return new Uint8Array(digest.buffer, digest.byteOffset, 32)
}

/**
 * The pure-JS Keccak-256 (js-sha3), for tests that compare both implementations.
 *
 * @param data - the bytes to hash
 * @returns the 32-byte digest
 * @example
 * keccak256Js(new Uint8Array(0)) // c5d2…a470
 */
export function keccak256Js(data: Uint8Array): Uint8Array {
  return new Uint8Array(jsSha3.keccak256.arrayBuffer(data))
}
