import type { Address } from 'viem'
import type { LedgerContractName } from '../deploy/deploymentManifestSchema.ts'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'

/**
 * Approves a ledger contract to pull `amount` tokens from the clients' account, unless the allowance
 * already covers it. Stake escrows pull with `transferFrom`, so every stake needs this first.
 *
 * @returns the approval's transaction hash, or `undefined` when none was needed
 * @example
 * await ensureAllowance(ledger, { spender: 'applications', amount })
 */
export async function ensureAllowance(
  ledger: Ledger,
  { spender, amount }: { spender: LedgerContractName; amount: bigint },
): Promise<`0x${string}` | undefined> {
  const owner = ledger.clients.account?.address as Address
  const allowance = owner
    ? await readLedger(ledger, 'token', 'allowance', [owner, ledger.contracts[spender]])
    : 0n
  if (allowance >= amount) return undefined
  const { transactionHash } = await writeLedger(ledger, 'token', 'approve', [
    ledger.contracts[spender],
    amount,
  ])
  return transactionHash
}
