import type { ComputeUnitPricing, Rational } from './types.ts'

/**
 * The economic parameters the devnet starts with (spec §7.7), in one place so the contracts' deployment,
 * the relay miner and the simulations agree. Amounts are token base units of a 6-decimals token
 * (1 token = 1 000 000 base units).
 *
 * @example
 * computeMinProofPenalty({
 *   threshold: devnetEconomics.proofRequirementThreshold,
 *   probability: devnetEconomics.proofRequestProbability,
 * }) === devnetEconomics.proofMissingPenalty // true
 */
export const devnetEconomics = {
  tokenDecimals: 6,
  /** Default pricing for a chat service: a fixed cost per request, output tokens 3× input tokens. */
  pricing: { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n } satisfies ComputeUnitPricing,
  /** 0.1 base unit per compute unit: a 1 000-CU relay costs 100 base units (0.0001 token). */
  cuToToken: { numerator: 1n, denominator: 10n } satisfies Rational,
  /** Burn equals mint (no deflation). */
  mintRatioBps: 10_000,
  supplierBps: 8_000,
  championBps: 1_000,
  /** No global inflation. */
  inflationBps: 0,
  /** 10 tokens: any claim worth this much always needs a proof. */
  proofRequirementThreshold: 10_000_000n,
  proofRequestProbability: { numerator: 1n, denominator: 4n } satisfies Rational,
  /** 30 tokens = ceil(R·(1 − p)/p) for R = 10 tokens and p = 1/4; suppliers must stake at least this. */
  proofMissingPenalty: 30_000_000n,
} as const
