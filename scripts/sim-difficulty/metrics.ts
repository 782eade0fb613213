/** Summary statistics of a mined-relays trajectory against the target T. */

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const round = (x: number, digits = 4) => Number(x.toFixed(digits))

/** Whether a mined count is within ±band of T. */
export const isWithinBand = (mined: number, targetRelays: number, band: number) =>
  Math.abs(mined - targetRelays) <= band * targetRelays

/** Mean, relative spread and the fraction of sessions within ±band of T. */
export function summarize(mined: number[], targetRelays: number, band: number) {
  const m = mean(mined)
  const sd = Math.sqrt(mean(mined.map((x) => (x - m) ** 2)))
  return {
    sessions: mined.length,
    meanMined: round(m, 1),
    meanOverTarget: round(m / targetRelays),
    relativeStdDev: round(sd / m),
    fractionWithinBand: round(mined.filter((x) => isWithinBand(x, targetRelays, band)).length / mined.length),
    minMined: Math.min(...mined),
    maxMined: Math.max(...mined),
  }
}

/**
 * Sessions after a step until the mined count is back within ±band of T: the index (0 = the first session
 * at the new load) of the first session that starts `hold` consecutive in-band sessions. `null` if never.
 */
export function sessionsToRecover(
  mined: number[],
  targetRelays: number,
  band: number,
  hold: number,
): number | null {
  let run = 0
  for (let i = 0; i < mined.length; i++) {
    run = isWithinBand(mined[i]!, targetRelays, band) ? run + 1 : 0
    if (run === hold) return i - hold + 1
  }
  return null
}

/** The paper's volume-estimation error 100·(mined/p − relays)/relays, per session: min, max, mean |·|. */
export function volumeErrorRange(relays: number[], mined: number[], probability: number[]) {
  const errors = relays.map((r, i) => (100 * (mined[i]! / probability[i]! - r)) / r)
  const meanAbs = errors.reduce((sum, e) => sum + Math.abs(e), 0) / errors.length
  return {
    minPct: round(Math.min(...errors), 2),
    maxPct: round(Math.max(...errors), 2),
    meanAbsPct: round(meanAbs, 2),
  }
}

/** Peak deviation from T in percent, as the paper's "target error" (100·(C − T)/T). */
export function targetErrorRange(mined: number[], targetRelays: number) {
  const errors = mined.map((x) => (100 * (x - targetRelays)) / targetRelays)
  return { minPct: round(Math.min(...errors), 2), maxPct: round(Math.max(...errors), 2) }
}

/**
 * EMA updates after a step of factor f until mined relays are within ±band of T, noise-free:
 * smallest j with the EMA, stepped from R to f·R, giving `f·R·T/ema_j` inside the band.
 */
export function analyticUpdatesToRecover(factor: number, alpha: number, band: number): number {
  const bound = factor > 1 ? factor / (1 + band) : factor / (1 - band)
  // ema_j / R = f − (f − 1)(1 − α)^j must reach the bound from its side.
  const ratio = (factor - bound) / (factor - 1)
  return Math.ceil(Math.log(ratio) / Math.log(1 - alpha))
}
