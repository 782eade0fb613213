import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'
import { ensureAllowance } from './ensureAllowance.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type AddSupplierStakeParameters = { operator: Address; amount: bigint }

/**
 * Adds to a supplier's stake (its owner only), approving the transfer first when needed.
 *
 * @returns the transaction
 * @throws {ChainTxRevertedError} `NotOwner`, `NotStaked`
 * @example
 * await addSupplierStake(ledger, { operator, amount: 50n * 10n ** 6n })
 */
export async function addSupplierStake(
  ledger: Ledger,
  { operator, amount }: AddSupplierStakeParameters,
): Promise<WriteResult> {
  await ensureAllowance(ledger, { spender: 'suppliers', amount })
  return toWriteResult(await writeLedger(ledger, 'suppliers', 'addStake', [operator, amount]))
}
