/**
 * Keccak-256 per input size on one thread: the native addon the protocol uses (the `keccak` package's
 * XKCP sponge), js-sha3 (its fallback) and viem's (@noble/hashes), for the sizes the relay path hashes:
 * 32 B, a 66-byte EIP-712 digest input, 192- and 224-byte struct encodings, and 300 B. Best of several
 * rounds, µs per hash (the minimum is the least disturbed figure on a shared machine).
 */
import { keccak256 as viemKeccak256 } from 'viem'
import { keccak256, keccak256Implementation, keccak256Js } from '../../src/protocol/signature/keccak256.ts'

const SIZES = [32, 66, 192, 224, 300]
const CALLS = 20_000
const ROUNDS = 7

function bestUs(hash: (data: Uint8Array) => unknown, data: Uint8Array): number {
  let best = Number.POSITIVE_INFINITY
  for (let round = 0; round < ROUNDS; round++) {
    const startedAt = performance.now()
    for (let i = 0; i < CALLS; i++) hash(data)
    best = Math.min(best, ((performance.now() - startedAt) * 1000) / CALLS)
  }
  return Number(best.toFixed(2))
}

export async function benchKeccak() {
  const perSize: Record<string, { native: number; jsSha3: number; viemNoble: number }> = {}
  for (const size of SIZES) {
    const data = new Uint8Array(size).map((_, i) => (i * 31 + size) & 0xff)
    perSize[`${size}B`] = {
      native: bestUs(keccak256, data),
      jsSha3: bestUs(keccak256Js, data),
      viemNoble: bestUs((bytes) => viemKeccak256(bytes, 'bytes'), data),
    }
  }
  return { implementation: keccak256Implementation, usPerHash: perSize }
}
