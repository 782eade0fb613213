import type { Address } from 'viem'
import type { Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'

export type GetTokenBalanceParameters = { address: Address }
export type GetTokenBalanceReturnType = { balance: bigint; totalSupply: bigint }

/**
 * Reads an account's decai token balance (base units, 6 decimals) and the total supply.
 *
 * @returns balance and total supply
 * @example
 * const { balance } = await getTokenBalance(ledger, { address })
 */
export async function getTokenBalance(
  ledger: Ledger,
  { address }: GetTokenBalanceParameters,
): Promise<GetTokenBalanceReturnType> {
  const [balance, totalSupply] = await Promise.all([
    readLedger(ledger, 'token', 'balanceOf', [address]),
    readLedger(ledger, 'token', 'totalSupply', []),
  ])
  return { balance, totalSupply }
}
