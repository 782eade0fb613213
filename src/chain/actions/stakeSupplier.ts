import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'
import { ensureAllowance } from './ensureAllowance.ts'
import { type RevenueShare, type SupplierServiceConfig, toWriteResult, type WriteResult } from './types.ts'

export type StakeSupplierParameters = {
  /** The key that will sign relays and claims; the clients' account becomes the owner. */
  operator: Address
  amount: bigint
  services: readonly SupplierServiceConfig[]
  /** Basis points summing to 10 000. Default: everything to the owner. */
  revenueShares?: readonly RevenueShare[] | undefined
}

/**
 * Stakes a new supplier paid by (and owned by) the clients' account, with its services, endpoints and
 * revenue shares, approving the transfer first when needed. It serves sessions from the next one on.
 *
 * @returns the transaction
 * @throws {ChainTxRevertedError} `AlreadyStaked`, `BelowMinimumStake`, `ServiceNotFound`, `TooManyServices`,
 *   `InvalidRevenueShares`
 * @example
 * await stakeSupplier(ledger, { operator, amount, services: [{ serviceId: 'llama-tiny', endpoint: 'http://…' }] })
 */
export async function stakeSupplier(
  ledger: Ledger,
  parameters: StakeSupplierParameters,
): Promise<WriteResult> {
  const { operator, amount, services } = parameters
  const owner = ledger.clients.account?.address
  const revenueShares = parameters.revenueShares ?? (owner ? [{ recipient: owner, bps: 10_000 }] : [])
  await ensureAllowance(ledger, { spender: 'suppliers', amount })
  return toWriteResult(
    await writeLedger(ledger, 'suppliers', 'stake', [operator, amount, services, revenueShares]),
  )
}
