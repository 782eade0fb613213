import type { Ledger } from '../ledger/createLedger.ts'
import { parseLedgerEvents, writeLedger } from '../ledger/writeLedger.ts'
import { ensureAllowance } from './ensureAllowance.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type StakeApplicationParameters = {
  /** The one service the application pays for. */
  serviceId: string
  /** Token base units to add to the stake. */
  amount: bigint
}
export type StakeApplicationReturnType = WriteResult & { stake: bigint; activeFromSession: bigint }

/**
 * Stakes the clients' account as an application for a service, or adds to its stake (same service only),
 * approving the token transfer first when needed. Active from the next session.
 *
 * @returns the transaction, the total stake and the first active session
 * @throws {ChainTxRevertedError} `ServiceNotFound`, `WrongService`, `BelowMinimumStake`, `AlreadyUnbonding`,
 *   `ERC20InsufficientBalance`
 * @example
 * await stakeApplication(ledger, { serviceId: 'llama-tiny', amount: 100n * 10n ** 6n })
 */
export async function stakeApplication(
  ledger: Ledger,
  { serviceId, amount }: StakeApplicationParameters,
): Promise<StakeApplicationReturnType> {
  await ensureAllowance(ledger, { spender: 'applications', amount })
  const sent = await writeLedger(ledger, 'applications', 'stake', [serviceId, amount])
  const [staked] = parseLedgerEvents(ledger, 'applications', sent.receipt, 'ApplicationStaked')
  return {
    ...toWriteResult(sent),
    stake: staked!.args.stake,
    activeFromSession: staked!.args.activeFromSession,
  }
}
