/**
 * Integer-only pseudo-random numbers for the model generator. Every operation is a 32-bit integer
 * operation (`Math.imul`, shifts, xor, `| 0`), so the stream is identical on every engine and CPU —
 * the property that makes a generated GGUF reproducible byte for byte.
 */

/** A generator of uniformly distributed unsigned 32-bit integers. */
export type Rng = () => number

/**
 * FNV-1a (32-bit) over the UTF-8 bytes of `text`.
 *
 * @param text - any string; hashed as UTF-8.
 * @returns an unsigned 32-bit hash.
 * @example
 * fnv1a32('a') // 0xe40c292c
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/**
 * splitmix32: expands one 32-bit seed into a stream of well-mixed words (used to seed sfc32).
 *
 * @param seed - any 32-bit integer.
 * @returns a generator of unsigned 32-bit integers.
 * @example
 * const next = createSplitMix32(1); next()
 */
export function createSplitMix32(seed: number): Rng {
  let state = seed | 0
  return () => {
    state = (state + 0x9e3779b9) | 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad)
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97)
    return (z ^ (z >>> 15)) >>> 0
  }
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator), seeded through splitmix32.
 *
 * @param seed - any 32-bit integer.
 * @returns a generator of unsigned 32-bit integers.
 * @example
 * const next = createSfc32(42); next()
 */
export function createSfc32(seed: number): Rng {
  const mix = createSplitMix32(seed)
  let a = mix() | 0
  let b = mix() | 0
  let c = mix() | 0
  let d = 1
  const next = () => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  // The first outputs still correlate with the seed words; discard them.
  for (let i = 0; i < 12; i++) next()
  return next
}

/**
 * The generator for one named stream of a seeded model: `sfc32(fnv1a32("<seed>/<name>"))`.
 * Each tensor draws from its own stream, so its weights do not depend on the tensors before it.
 *
 * @param seed - the model seed (a safe non-negative integer).
 * @param name - the stream name, e.g. a tensor name.
 * @returns a generator of unsigned 32-bit integers.
 * @example
 * const next = createStreamRng(42, 'blk.0.attn_q.weight')
 */
export function createStreamRng(seed: number, name: string): Rng {
  return createSfc32(fnv1a32(`${seed}/${name}`))
}
