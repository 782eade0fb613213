import { numberToHex } from 'viem'
import type { Hex } from '../../protocol/bytes/bytes.ts'

/**
 * Gives every devnet account gas money directly through anvil's `anvil_setBalance` (a dev-chain RPC; a real
 * chain has no such thing, and its operators fund their own accounts). Accounts already above half the
 * amount are left alone, so a restart does not reset balances.
 *
 * @param parameters - the chain's raw RPC, the addresses and the balance to give each
 * @returns how many accounts were funded
 * @example
 * await fundDevnetAccounts({ request: chain.request, addresses, balanceWei: 10n ** 21n })
 */
export async function fundDevnetAccounts(parameters: {
  request: <T>(method: string, params?: readonly unknown[]) => Promise<T>
  addresses: readonly Hex[]
  balanceWei: bigint
}): Promise<number> {
  const { request, addresses, balanceWei } = parameters
  let funded = 0
  for (const address of addresses) {
    const balance = BigInt(await request<Hex>('eth_getBalance', [address, 'latest']))
    if (balance >= balanceWei / 2n) continue
    await request('anvil_setBalance', [address, numberToHex(balanceWei)])
    funded += 1
  }
  return funded
}
