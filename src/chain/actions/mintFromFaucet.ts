import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'
import { toWriteResult, type WriteResult } from './types.ts'

export type MintFromFaucetParameters = { to: Address; amount: bigint }

/**
 * Mints tokens from the devnet faucet (governance only, until the faucet is closed for good).
 *
 * @returns the transaction
 * @throws {ChainTxRevertedError} `NotGovernance`, `FaucetClosed`
 * @example
 * await mintFromFaucet(ledger, { to: supplierOwner, amount: 1_000n * 10n ** 6n })
 */
export async function mintFromFaucet(
  ledger: Ledger,
  { to, amount }: MintFromFaucetParameters,
): Promise<WriteResult> {
  return toWriteResult(await writeLedger(ledger, 'token', 'faucetMint', [to, amount]))
}
