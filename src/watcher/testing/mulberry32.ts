/**
 * A seeded uniform generator (mulberry32) for tests and the evaluation, which need the same draws on every run.
 *
 * @param seed - any 32-bit integer.
 * @returns uniform in [0, 1).
 * @example
 * const random = mulberry32(7)
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}
