import { devnetEconomics } from '../../protocol/settlement/devnetEconomics.ts'

const token = 1_000_000n

/**
 * What the devnet puts on its ledger: one champion's service, one application staked for it and delegated
 * to one gateway, and suppliers that each split their revenue between owner and operator. Amounts are in
 * token base units (6 decimals) and sit comfortably above the devnet preset's minimum stakes.
 */
export const devnetPlan = {
  serviceId: 'decai-tiny',
  license: 'MIT',
  pricing: { ...devnetEconomics.pricing, championBps: devnetEconomics.championBps },
  /** ETH for gas, set directly on the dev chain (anvil_setBalance). */
  gasBalanceWei: 1_000n * 10n ** 18n,
  applicationStake: 1_000n * token,
  gatewayStake: 100n * token,
  supplierStake: 500n * token,
  /** Faucet top-up per staking account: the stake plus room for `decai app stake` experiments. */
  faucetAmount: 2_000n * token,
  /** Each supplier's revenue: 70 % to the owner (who staked), 30 % to the operator (who runs it). */
  ownerShareBps: 7_000,
  operatorShareBps: 3_000,
} as const
