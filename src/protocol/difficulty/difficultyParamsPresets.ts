import type { Rational } from './types.ts'

/**
 * Default control-law parameters (docs/protocol.md §6 "As built"; figures in docs/difficulty.md).
 *
 * - `targetRelays` (T): mined relays per service per session. Mining is Binomial, so a session's count
 *   spreads by about 1/√T: T = 1 000 keeps it near 3 % (inside ±10 % in ≥ 99 % of sessions) while a claim's
 *   sum trie stays ~10 levels deep. devnet: T = 100, so mining shows up with a few hundred relays.
 * - `alpha` (α): the EMA weight. The estimate fed to the EMA does not depend on the current difficulty, so a
 *   larger α only trades noise for speed: at T = 1 000, α = 1/4 recovers from a 10× step in ~12 (surge) or
 *   ~17 (drop) sessions against ~25 / ~45 with the paper's 1/10, for 3.3 % instead of 3.2 % spread.
 *   devnet uses 1/2, to react within a few sessions.
 *
 * @example
 * computeNextDifficulty({ prevEma, minedRelays, target, ...difficultyParamsPresets.production })
 */
export const difficultyParamsPresets = {
  devnet: { targetRelays: 100n, alpha: { numerator: 1n, denominator: 2n } },
  production: { targetRelays: 1_000n, alpha: { numerator: 1n, denominator: 4n } },
} as const satisfies Record<string, { targetRelays: bigint; alpha: Rational }>
