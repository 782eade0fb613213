import type { Address } from 'viem'
import { getApplication, getGateway, getSupplier, getTokenBalance, type Ledger } from '../../chain/index.ts'
import type { DevnetKeys } from '../devnet/devnetKeys.ts'

/** One account's tokens: its balance and, for staked roles, its stake. */
export type BalanceRow = { label: string; address: Address; balance: bigint; stake: bigint | undefined }

/**
 * Token balances (and stakes) of the given addresses, or of every devnet role when none are given.
 *
 * @param ledger - the ledger
 * @param parameters - addresses to read, or the devnet's keys to label its roles
 * @returns one row per account and the total supply
 * @example
 * const { rows } = await queryBalances(ledger, { addresses: [], devnetKeys })
 */
export async function queryBalances(
  ledger: Ledger,
  parameters: { addresses: readonly Address[]; devnetKeys: DevnetKeys | undefined },
): Promise<{ rows: BalanceRow[]; totalSupply: bigint }> {
  const accounts = parameters.addresses.length
    ? parameters.addresses.map((address) => ({ label: address, address, stakeOf: undefined }))
    : devnetAccounts(parameters.devnetKeys)
  const rows = await Promise.all(
    accounts.map(async ({ label, address, stakeOf }) => ({
      label,
      address,
      balance: (await getTokenBalance(ledger, { address })).balance,
      stake: stakeOf ? await stakeOf(ledger) : undefined,
    })),
  )
  const { totalSupply } = await getTokenBalance(ledger, {
    address: accounts[0]?.address ?? ledger.contracts.token,
  })
  return { rows, totalSupply }
}

type Account = { label: string; address: Address; stakeOf: ((ledger: Ledger) => Promise<bigint>) | undefined }

function devnetAccounts(keys: DevnetKeys | undefined): Account[] {
  if (!keys) return []
  const plain = (label: string, address: Address): Account => ({ label, address, stakeOf: undefined })
  return [
    plain('champion', keys.champion.address),
    plain('dao', keys.dao.address),
    {
      label: 'application',
      address: keys.application.address,
      stakeOf: async (ledger) =>
        (await getApplication(ledger, { application: keys.application.address })).stake,
    },
    {
      label: 'gateway',
      address: keys.gateway.address,
      stakeOf: async (ledger) => (await getGateway(ledger, { gateway: keys.gateway.address })).stake,
    },
    ...keys.suppliers.flatMap((supplier, index) => [
      {
        label: `supplier-${index + 1} owner`,
        address: supplier.owner.address,
        stakeOf: async (ledger: Ledger) =>
          (await getSupplier(ledger, { operator: supplier.operator.address })).stake,
      },
      plain(`supplier-${index + 1} operator`, supplier.operator.address),
    ]),
  ]
}
