import type { Ledger } from '../../chain/index.ts'
import { type LedgerOptions, openLedger } from './ledgerOptions.ts'
import { resolveSigner, type SignerOptions } from './signerOptions.ts'

/**
 * Opens the ledger with the command's signing key: what every command that sends a transaction starts with.
 *
 * @param options - ledger and signer options
 * @param command - the command's name, for the error when no key was given
 * @returns the ledger, its clients carrying the signer's account
 * @example
 * const ledger = await openSignedLedger(options, 'app stake')
 */
export async function openSignedLedger(
  options: LedgerOptions & SignerOptions,
  command: string,
): Promise<Ledger> {
  return openLedger(options, await resolveSigner(options, command, process.env))
}

/**
 * Prints what a write did: a line for people, or the JSON document.
 *
 * @example
 * reportWrite(options, `staked ${amount}`, result)
 */
export function reportWrite(
  options: { json?: boolean },
  line: string,
  result: { transactionHash: string; blockNumber: bigint } & Record<string, unknown>,
  print: (value: unknown) => void,
): void {
  if (options.json) {
    print(result)
    return
  }
  console.log(`${line} (transaction ${result.transactionHash}, block ${result.blockNumber})`)
}
