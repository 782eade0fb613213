/**
 * The ledger's session parameters (spec §3.1), all in blocks. Every field is a bigint because the
 * contracts store them as uint64 and viem reads them as bigint; mixing `number` heights in would invite
 * silent precision loss.
 */
export type SessionParams = {
  /** `N`: blocks per session (≥ 1). */
  numBlocksPerSession: bigint
  /** `A`: the ledger's deployment height; session 1 starts there. */
  genesisHeight: bigint
  /** `g`: blocks after the session end during which relays are still accepted (< N, ≤ cwo). */
  gracePeriodBlocks: bigint
  /** `cwo`: the claim window opens at `end + cwo + 1`. */
  claimWindowOpenOffset: bigint
  /** `cwc`: the claim window closes `cwc` blocks after it opens (inclusive). */
  claimWindowCloseOffset: bigint
  /** `pwo`: the proof window opens at `claimClose + pwo` (≥ 1, so the proof seed follows the claims). */
  proofWindowOpenOffset: bigint
  /** `pwc`: the proof window closes `pwc` blocks after it opens (inclusive). */
  proofWindowCloseOffset: bigint
}
