/**
 * Deterministic randomness for the difficulty simulation: a seeded xoshiro128** generator and exact
 * samplers for the two distributions the model needs (Poisson arrivals, Binomial mining).
 */

export type Random = () => number

/** xoshiro128** seeded through splitmix32: a fast, well-tested 32-bit generator; returns doubles in [0, 1). */
export function createRandom(seed: number): Random {
  let x = seed >>> 0
  const splitmix = () => {
    x = (x + 0x9e3779b9) >>> 0
    let z = x
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let s0 = splitmix()
  let s1 = splitmix()
  let s2 = splitmix()
  let s3 = splitmix()
  const next = () => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0
    const t = (s1 << 9) >>> 0
    s2 = (s2 ^ s0) >>> 0
    s3 = (s3 ^ s1) >>> 0
    s1 = (s1 ^ s2) >>> 0
    s0 = (s0 ^ s3) >>> 0
    s2 = (s2 ^ t) >>> 0
    s3 = rotl(s3, 11)
    return result
  }
  // 53 random bits: 27 from one draw, 26 from the next.
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992
}

const rotl = (v: number, k: number) => ((v << k) | (v >>> (32 - k))) >>> 0

/** Random bytes from the generator (for hashing simulated relays). */
export function randomBytes(random: Random, length: number): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256)
  return out
}

/**
 * Binomial(n, p), exactly, by the waiting-time method: geometric gaps between successes, O(n·min(p, 1−p)).
 * Mined counts are at most a few tens of thousands per session, so this is fast enough and has no
 * approximation to defend.
 */
export function sampleBinomial(random: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0
  if (p >= 1) return n
  if (p > 0.5) return n - sampleBinomial(random, n, 1 - p)
  const logQ = Math.log1p(-p)
  let successes = 0
  let trials = 0
  for (;;) {
    trials += Math.floor(Math.log(1 - random()) / logQ) + 1
    if (trials > n) return successes
    successes++
  }
}

/** Poisson(λ), exactly: multiplication method below λ = 10, Hörmann's PTRS transformed rejection above. */
export function samplePoisson(random: Random, lambda: number): number {
  if (lambda < 10) {
    const limit = Math.exp(-lambda)
    let k = 0
    let product = random()
    while (product > limit) {
      k++
      product *= random()
    }
    return k
  }
  const sqrtLambda = Math.sqrt(lambda)
  const logLambda = Math.log(lambda)
  const b = 0.931 + 2.53 * sqrtLambda
  const a = -0.059 + 0.02483 * b
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4)
  const vr = 0.9277 - 3.6224 / (b - 2)
  for (;;) {
    const u = random() - 0.5
    const v = random()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43)
    if (us >= 0.07 && v <= vr) return k
    if (k < 0 || (us < 0.013 && v > us)) continue
    if (
      Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <=
      -lambda + k * logLambda - logFactorial(k)
    )
      return k
  }
}

const smallLogFactorials = [1, 1, 2, 6, 24, 120].map(Math.log)

/** ln k! (Stirling series with two correction terms beyond k = 5; error < 1e-10). */
function logFactorial(k: number): number {
  if (k < smallLogFactorials.length) return smallLogFactorials[k]!
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + 1 / (12 * k) - 1 / (360 * k ** 3)
}
