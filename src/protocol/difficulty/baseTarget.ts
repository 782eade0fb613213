/**
 * `B = 2^256 − 1`, the easiest target (spec §5): every relay hash is below it except `0xff…ff`, so every
 * relay counts. It also normalises the multiplier `B / target` and the probability `target / B`.
 *
 * @example
 * computeDifficultyMultiplier(baseTarget) // { numerator: 1n, denominator: 1n }
 */
export const baseTarget = 2n ** 256n - 1n
