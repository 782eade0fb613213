import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type UnstakeParameters =
  | { role: 'application' | 'gateway' }
  /** A supplier is named by its operator; its owner or operator may unstake it. */
  | { role: 'supplier'; operator: Address }

/**
 * Starts unbonding: the actor stops being active after the current session; its tokens can be withdrawn
 * after the role's unbonding period (and, for applications and suppliers, once their claims are settled).
 *
 * @returns the transaction
 * @throws {ChainTxRevertedError} `NotStaked`, `AlreadyUnbonding`, `NotOwnerOrOperator`
 * @example
 * await unstake(ledger, { role: 'supplier', operator })
 */
export async function unstake(ledger: Ledger, parameters: UnstakeParameters): Promise<WriteResult> {
  if (parameters.role === 'supplier') {
    return toWriteResult(await writeLedger(ledger, 'suppliers', 'unstake', [parameters.operator]))
  }
  const contract = parameters.role === 'application' ? 'applications' : 'gateways'
  return toWriteResult(await writeLedger(ledger, contract, 'unstake', []))
}
