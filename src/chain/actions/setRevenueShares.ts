import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'
import { type RevenueShare, toWriteResult, type WriteResult } from './types.ts'

export type SetRevenueSharesParameters = { operator: Address; revenueShares: readonly RevenueShare[] }

/**
 * Replaces a supplier's revenue-share list (its owner only); applies to settlements from now on.
 *
 * @returns the transaction
 * @throws {ChainTxRevertedError} `NotOwner`, `InvalidRevenueShares` (1–8 distinct recipients, bps summing to 10 000)
 * @example
 * await setRevenueShares(ledger, { operator, revenueShares: [{ recipient: owner, bps: 7_000 }, { recipient: host, bps: 3_000 }] })
 */
export async function setRevenueShares(
  ledger: Ledger,
  { operator, revenueShares }: SetRevenueSharesParameters,
): Promise<WriteResult> {
  return toWriteResult(await writeLedger(ledger, 'suppliers', 'setRevenueShares', [operator, revenueShares]))
}
