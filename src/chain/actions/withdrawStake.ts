import type { Ledger } from '../ledger/createLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'
import { toWriteResult, type WriteResult } from './types.ts'
import type { UnstakeParameters } from './unstake.ts'

export type WithdrawStakeParameters = UnstakeParameters

/**
 * Withdraws an unbonded stake back to its owner.
 *
 * @returns the transaction
 * @throws {ChainTxRevertedError} `NotStaked`, `StillBonded`, `ClaimsPending`, `NotOwner`
 * @example
 * await withdrawStake(ledger, { role: 'application' })
 */
export async function withdrawStake(
  ledger: Ledger,
  parameters: WithdrawStakeParameters,
): Promise<WriteResult> {
  if (parameters.role === 'supplier') {
    return toWriteResult(await writeLedger(ledger, 'suppliers', 'withdraw', [parameters.operator]))
  }
  const contract = parameters.role === 'application' ? 'applications' : 'gateways'
  return toWriteResult(await writeLedger(ledger, contract, 'withdraw', []))
}
