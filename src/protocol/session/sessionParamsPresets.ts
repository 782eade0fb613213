import type { SessionParams } from './SessionParams.ts'

/**
 * Default session parameters (docs/protocol.md §3, "As built"). `genesisHeight` is a placeholder: the
 * ledger sets it to its deployment height.
 *
 * - `devnet` (1-second blocks): a 10-block session, relays accepted 2 blocks after its end, claims in
 *   blocks end+3…end+11, proofs end+12…end+20, settlement from end+21. Session start → settleable in
 *   31 blocks (about half a minute), well inside two minutes even with slow local blocks.
 * - `production` (an L2 with 2-second blocks): 10-minute sessions, 1 minute of grace, 5-minute claim and
 *   proof windows; settleable about 11 minutes after the session ends; 2 sessions pending.
 *
 * @example
 * getSettlementHeight(sessionParamsPresets.devnet, 1n) // 31n
 */
export const sessionParamsPresets = {
  devnet: {
    numBlocksPerSession: 10n,
    genesisHeight: 1n,
    gracePeriodBlocks: 2n,
    claimWindowOpenOffset: 2n,
    claimWindowCloseOffset: 8n,
    proofWindowOpenOffset: 1n,
    proofWindowCloseOffset: 8n,
  },
  production: {
    numBlocksPerSession: 300n,
    genesisHeight: 1n,
    gracePeriodBlocks: 30n,
    claimWindowOpenOffset: 30n,
    claimWindowCloseOffset: 150n,
    proofWindowOpenOffset: 1n,
    proofWindowCloseOffset: 150n,
  },
} as const satisfies Record<string, SessionParams>
