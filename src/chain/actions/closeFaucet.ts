import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'
import { writeLedger } from '../ledger/writeLedger.ts'
import { toWriteResult, type WriteResult } from './types.ts'

/**
 * Closes the token's faucet for good (governance only). After it, DECAI is minted only by settlement.
 *
 * @returns the transaction
 * @throws {ChainTxRevertedError} `NotGovernance`, `FaucetClosed`
 * @example
 * await closeFaucet(governanceLedger)
 */
export async function closeFaucet(ledger: Ledger): Promise<WriteResult> {
  return toWriteResult(await writeLedger(ledger, 'token', 'closeFaucet', []))
}

/**
 * Whether governance can still mint from the faucet.
 *
 * @example
 * if (await isFaucetOpen(ledger)) await mintFromFaucet(ledger, { to, amount })
 */
export async function isFaucetOpen(ledger: Ledger): Promise<boolean> {
  return readLedger(ledger, 'token', 'faucetOpen', [])
}
