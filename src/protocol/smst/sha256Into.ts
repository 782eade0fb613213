import { hash } from 'node:crypto'

/**
 * SHA-256 of `data` written into `out` at `offset`, without allocating a Buffer. `crypto.hash` with
 * `'binary'` (latin1) output returns a 32-char one-byte string on the V8 heap; a `'buffer'` output allocates
 * an external ArrayBuffer per call, which measured ~4× slower here (2.5 µs vs 0.6 µs per 113-byte node).
 *
 * @param data - the preimage
 * @param out - destination
 * @param offset - where the 32 digest bytes go
 * @example
 * sha256Into(preimage, store.innerHash, node * 32)
 */
export function sha256Into(data: Uint8Array, out: Uint8Array, offset: number): void {
  const digest = hash('sha256', data, 'binary')
  for (let i = 0; i < 32; i++) out[offset + i] = digest.charCodeAt(i)
}
