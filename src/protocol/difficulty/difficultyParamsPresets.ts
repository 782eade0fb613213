import type { Rational } from './types.ts'

/**
 * Default control-law parameters (docs/protocol.md §6 "As built", docs/difficulty.md).
 *
 * - `targetRelays` (T): mined relays per service per session. Mining is Binomial, so a session's count has
 *   a relative spread of about 1/√T; T = 1 000 keeps it near 3 % (inside ±10 % in 99.9 % of sessions) while
 *   a claim's sum trie stays ~10 levels deep. devnet uses T = 100: on a laptop every relay counts.
 * - `alpha` (α) = 1/10, the paper's and POKT's weight: after a 10× step the mined count is back within
 *   ±10 % in ~22 sessions (surge) or ~42 (drop); the simulation in docs/difficulty.md shows the trade-off.
 *
 * @example
 * computeNextDifficulty({ prevEma, minedRelays, target, ...difficultyParamsPresets.production })
 */
export const difficultyParamsPresets = {
  devnet: { targetRelays: 100n, alpha: { numerator: 1n, denominator: 10n } },
  production: { targetRelays: 1_000n, alpha: { numerator: 1n, denominator: 10n } },
} as const satisfies Record<string, { targetRelays: bigint; alpha: Rational }>
