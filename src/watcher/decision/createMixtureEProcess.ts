import { logAddExp, logWeightedSum } from './logMath.ts'

/** Bet sizes λ: the share of wealth staked on each observation's e-value. */
export const defaultBetFractions = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 0.9] as const

/** A running anytime-valid test: wealth that an honest supplier cannot grow, except by luck. */
export type MixtureEProcess = {
  /** Adds one observation's e-value, given as its natural log (−Infinity for e = 0). */
  observe(logEValue: number): void
  /** Natural log of the current wealth (0 at the start). */
  logWealth(): number
  /** How many observations were added. */
  count(): number
}

/**
 * An e-process that bets a fixed fraction λ of its wealth on each observation's e-value, averaged over
 * several λ: W_n = mean_λ Π_i (1 − λ + λ·e_i). When every e_i has expectation at most 1 under the
 * null given the past, each product is a non-negative supermartingale and so is their mean; by Ville's
 * inequality the chance that W ever reaches 1/α is at most α, however long the audit runs and whenever
 * it stops. Betting λ < 1 keeps a clean observation (e = 0) from wiping the wealth out, so a supplier
 * that cheats on 10 % of requests is still caught by the cheating ones.
 *
 * @param betFractions - the λ grid, each in (0, 1); default `defaultBetFractions`.
 * @returns the e-process, starting at wealth 1.
 * @example
 * const test = createMixtureEProcess()
 * test.observe(Math.log(40))
 * test.logWealth() > 0 // true
 */
export function createMixtureEProcess(
  betFractions: readonly number[] = defaultBetFractions,
): MixtureEProcess {
  const logWealths = betFractions.map(() => 0)
  const weights = betFractions.map(() => 1 / betFractions.length)
  let observations = 0
  return {
    observe(logEValue) {
      observations++
      betFractions.forEach((lambda, k) => {
        // log(1 − λ + λ·e) = logaddexp(log(1 − λ), log λ + log e)
        logWealths[k]! += logAddExp(Math.log1p(-lambda), Math.log(lambda) + logEValue)
      })
    },
    logWealth: () => logWeightedSum(weights, logWealths),
    count: () => observations,
  }
}
