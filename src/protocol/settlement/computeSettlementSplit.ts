import { assertBps, assertSplitShares, BPS_DENOMINATOR } from './assertSplitShares.ts'
import { computeRevenueShareAmounts } from './computeRevenueShareAmounts.ts'
import type { SettlementInvalidParamsError, SettlementInvalidSharesError } from './errors.ts'
import type { RevenueShare, RevenueShareAmount } from './types.ts'
import { assertNonNegative } from './validate.ts'

export type ComputeSettlementSplitParameters = {
  /** What settlement burns from the application's stake: `min(claim tokens, cap)`. */
  burnAmount: bigint
  /** Share of the burn minted back (10 000 = burn equals mint; less is net deflation). */
  mintRatioBps: number
  supplierBps: number
  championBps: number
  /** Global inflation per claim, minted on top of the burn (0 = off). */
  inflationBps: number
  revenueShares: readonly RevenueShare[]
}

/** How one minted amount is divided: supplier revenue shares, the champion, and the DAO (the remainder). */
export type SettlementPart = {
  total: bigint
  supplier: RevenueShareAmount[]
  champion: bigint
  dao: bigint
}

export type ComputeSettlementSplitReturnType = {
  /** Taken from the application's stake (= burnAmount). */
  burned: bigint
  /** Minted from the burn: `floor(burned × mintRatioBps / 10 000)`. */
  minted: bigint
  /** `burned − minted`: supply removed for good. */
  netBurned: bigint
  /** `ceil(burned × inflationBps / 10 000)`, new supply on top. */
  inflationMinted: bigint
  /** Per revenue share, mint and inflation parts together, in the order given. */
  supplier: RevenueShareAmount[]
  champion: bigint
  dao: bigint
  fromMint: SettlementPart
  fromInflation: SettlementPart
}
export type ComputeSettlementSplitErrorType = SettlementInvalidParamsError | SettlementInvalidSharesError

/**
 * Who gets what when a claim settles (spec §7.3). Every payout is floored except the DAO's, which takes the
 * remainder, and the first revenue share's, which takes its own group's remainder: nothing is created or
 * lost, and `Σ payouts = minted + inflationMinted`.
 *
 * @param parameters - The burn, mint ratio, shares and inflation, all shares in basis points.
 * @returns The burn, the mints and each recipient's amount, with a per-source breakdown for events.
 * @throws SettlementInvalidSharesError on invalid revenue shares or supplierBps + championBps > 10 000.
 *
 * @example
 * computeSettlementSplit({
 *   burnAmount: 1_000n, mintRatioBps: 10_000, supplierBps: 8_000, championBps: 1_000, inflationBps: 0,
 *   revenueShares: [{ address: '0x…01', bps: 10_000 }],
 * }) // supplier 800n, champion 100n, dao 100n
 */
export function computeSettlementSplit(
  parameters: ComputeSettlementSplitParameters,
): ComputeSettlementSplitReturnType {
  const { burnAmount, mintRatioBps, inflationBps } = parameters
  assertNonNegative('burnAmount', burnAmount)
  assertBps('mintRatioBps', mintRatioBps)
  assertBps('inflationBps', inflationBps)
  assertSplitShares(parameters)
  const whole = BigInt(BPS_DENOMINATOR)
  const minted = (burnAmount * BigInt(mintRatioBps)) / whole
  // spec §7.3: inflation rounds up (as poktroll's TLMGlobalMint), so any non-zero rate mints at least 1
  const inflationMinted = ceilDiv(burnAmount * BigInt(inflationBps), whole)
  const fromMint = splitPart(minted, parameters)
  const fromInflation = splitPart(inflationMinted, parameters)
  return {
    burned: burnAmount,
    minted,
    netBurned: burnAmount - minted,
    inflationMinted,
    supplier: fromMint.supplier.map(({ address, amount }, i) => ({
      address,
      amount: amount + fromInflation.supplier[i]!.amount,
    })),
    champion: fromMint.champion + fromInflation.champion,
    dao: fromMint.dao + fromInflation.dao,
    fromMint,
    fromInflation,
  }
}

function splitPart(
  total: bigint,
  { supplierBps, championBps, revenueShares }: ComputeSettlementSplitParameters,
): SettlementPart {
  const whole = BigInt(BPS_DENOMINATOR)
  const supplierAmount = (total * BigInt(supplierBps)) / whole
  const champion = (total * BigInt(championBps)) / whole
  const supplier = computeRevenueShareAmounts(supplierAmount, revenueShares)
  return { total, supplier, champion, dao: total - supplierAmount - champion }
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b
}
