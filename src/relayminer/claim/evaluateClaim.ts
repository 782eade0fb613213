import { computeClaimTokens } from '../../protocol/settlement/computeClaimTokens.ts'
import type { OnchainSession } from '../ports.ts'

/** Profitability settings (config `claims`). */
export type ClaimProfitability = {
  minClaimValueBaseUnits: bigint
  /** Price of a token base unit in wei; without it gas is not weighed. */
  weiPerTokenBaseUnit: bigint | undefined
}

/** Whether to claim, and why not. */
export type ClaimDecision =
  | { shouldClaim: true; claimTokens: bigint }
  | { shouldClaim: false; claimTokens: bigint; reason: 'empty' | 'below_minimum' | 'unprofitable' }

/**
 * Decides whether a tree is worth claiming: its value (spec §7.2, before the over-servicing cap) must
 * reach the configured minimum and, when a token price is configured, pay for the claim's gas. A claim
 * that cannot pay for itself is skipped rather than sent (POKT filters the same way).
 *
 * @param parameters - the root's sum, the session's pricing, the estimated gas cost, the settings
 * @returns the decision with the claim's value in token base units
 * @example
 * evaluateClaim({ sum: 1200n, session, claimCostWei: 5n * 10n ** 13n, profitability })
 */
export function evaluateClaim(parameters: {
  sum: bigint
  session: OnchainSession
  claimCostWei: bigint | undefined
  profitability: ClaimProfitability
}): ClaimDecision {
  const { sum, session, claimCostWei, profitability } = parameters
  const claimTokens = computeClaimTokens({
    claimedComputeUnits: sum,
    difficultyTarget: session.difficultyTarget,
    cuToToken: session.cuToToken,
  })
  if (sum === 0n) return { shouldClaim: false, claimTokens, reason: 'empty' }
  if (claimTokens < profitability.minClaimValueBaseUnits)
    return { shouldClaim: false, claimTokens, reason: 'below_minimum' }
  const price = profitability.weiPerTokenBaseUnit
  if (price !== undefined && claimCostWei !== undefined && claimTokens * price < claimCostWei)
    return { shouldClaim: false, claimTokens, reason: 'unprofitable' }
  return { shouldClaim: true, claimTokens }
}
