/**
 * Parameter presets for `DecaiParams` (constructor: governance, numBlocksPerSession, params). Values follow
 * docs/protocol.md (§3 session timing, §6 difficulty, §7.7 devnet economics). `dao` is left to the
 * deployer (the zero address is rejected by the contract). Rendered into `src/chain/contracts.generated.ts`
 * by `contracts/build.ts`, so runtime code reads them from there.
 */

/** Blocks per session and the versioned parameters, in the ABI types viem expects. */
export type LedgerParamsPreset = {
  numBlocksPerSession: bigint
  params: {
    gracePeriodBlocks: number
    claimWindowOpenOffset: number
    claimWindowCloseOffset: number
    proofWindowOpenOffset: number
    proofWindowCloseOffset: number
    suppliersPerSession: number
    maxDelegatedGateways: number
    maxServicesPerSupplier: number
    applicationUnbondingSessions: number
    gatewayUnbondingSessions: number
    supplierUnbondingSessions: number
    applicationMinStake: bigint
    gatewayMinStake: bigint
    supplierMinStake: bigint
    proofMissingPenalty: bigint
    proofRequirementThreshold: bigint
    cuToTokenNumerator: bigint
    cuToTokenDenominator: bigint
    proofRequestProbabilityNumerator: bigint
    proofRequestProbabilityDenominator: bigint
    targetRelaysPerSession: bigint
    mintRatioBps: number
    supplierBps: number
    maxChampionBps: number
    inflationBps: number
    emaAlphaNumerator: number
    emaAlphaDenominator: number
  }
}

const TOKEN = 1_000_000n

/**
 * - `devnet` (1-second blocks): 10-block sessions; claims end+3…end+11, proofs end+12…end+20, settlement from
 *   end+21: a session settles about 30 s after it starts.
 * - `production` (2-second blocks): 10-minute sessions, 5-minute claim and proof windows.
 */
export const ledgerParamsPresets = {
  devnet: {
    numBlocksPerSession: 10n,
    params: {
      gracePeriodBlocks: 2,
      claimWindowOpenOffset: 2,
      claimWindowCloseOffset: 8,
      proofWindowOpenOffset: 1,
      proofWindowCloseOffset: 8,
      suppliersPerSession: 12,
      maxDelegatedGateways: 7,
      maxServicesPerSupplier: 8,
      applicationUnbondingSessions: 3,
      gatewayUnbondingSessions: 1,
      supplierUnbondingSessions: 3,
      applicationMinStake: 10n * TOKEN,
      gatewayMinStake: 10n * TOKEN,
      supplierMinStake: 100n * TOKEN,
      proofMissingPenalty: 30n * TOKEN,
      proofRequirementThreshold: 10n * TOKEN,
      cuToTokenNumerator: 1n,
      cuToTokenDenominator: 10n,
      proofRequestProbabilityNumerator: 1n,
      proofRequestProbabilityDenominator: 4n,
      targetRelaysPerSession: 100n,
      mintRatioBps: 10_000,
      supplierBps: 8_000,
      maxChampionBps: 2_000,
      inflationBps: 0,
      emaAlphaNumerator: 1,
      emaAlphaDenominator: 10,
    },
  },
  production: {
    numBlocksPerSession: 300n,
    params: {
      gracePeriodBlocks: 30,
      claimWindowOpenOffset: 30,
      claimWindowCloseOffset: 150,
      proofWindowOpenOffset: 1,
      proofWindowCloseOffset: 150,
      suppliersPerSession: 12,
      maxDelegatedGateways: 7,
      maxServicesPerSupplier: 8,
      applicationUnbondingSessions: 3,
      gatewayUnbondingSessions: 3,
      supplierUnbondingSessions: 144,
      applicationMinStake: 1_000n * TOKEN,
      gatewayMinStake: 5_000n * TOKEN,
      supplierMinStake: 60_000n * TOKEN,
      proofMissingPenalty: 990n * TOKEN,
      proofRequirementThreshold: 10n * TOKEN,
      cuToTokenNumerator: 1n,
      cuToTokenDenominator: 10n,
      proofRequestProbabilityNumerator: 1n,
      proofRequestProbabilityDenominator: 100n,
      targetRelaysPerSession: 1_000n,
      mintRatioBps: 9_750,
      supplierBps: 8_000,
      maxChampionBps: 1_500,
      inflationBps: 0,
      emaAlphaNumerator: 1,
      emaAlphaDenominator: 10,
    },
  },
} as const satisfies Record<string, LedgerParamsPreset>
