import type { Ledger } from '../ledger/createLedger.ts'
import { parseLedgerEvents, writeLedger } from '../ledger/writeLedger.ts'
import { ensureAllowance } from './ensureAllowance.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type StakeGatewayParameters = { amount: bigint }
export type StakeGatewayReturnType = WriteResult & { stake: bigint; activeFromSession: bigint }

/**
 * Stakes the clients' account as a gateway, or adds to its stake, approving the transfer first when needed.
 * Applications can delegate to it for sessions from the next one on.
 *
 * @returns the transaction, the total stake and the first active session
 * @throws {ChainTxRevertedError} `BelowMinimumStake`, `AlreadyUnbonding`
 * @example
 * await stakeGateway(ledger, { amount: 10n * 10n ** 6n })
 */
export async function stakeGateway(
  ledger: Ledger,
  { amount }: StakeGatewayParameters,
): Promise<StakeGatewayReturnType> {
  await ensureAllowance(ledger, { spender: 'gateways', amount })
  const sent = await writeLedger(ledger, 'gateways', 'stake', [amount])
  const [staked] = parseLedgerEvents(ledger, 'gateways', sent.receipt, 'GatewayStaked')
  return {
    ...toWriteResult(sent),
    stake: staked!.args.stake,
    activeFromSession: staked!.args.activeFromSession,
  }
}
