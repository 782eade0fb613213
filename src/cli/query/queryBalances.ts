import { type Address, getAddress, type Hex, zeroAddress } from 'viem'
import {
  getApplication,
  getDelegation,
  getGateway,
  getSupplier,
  getTokenBalance,
  getWithdrawableSession,
  type Ledger,
  readLedger,
} from '../../chain/index.ts'
import { getLedgerEvents } from '../context/getLedgerEvents.ts'
import type { DevnetKeys } from '../devnet/devnetKeys.ts'

/** A stake that stopped being active: all of it comes back once withdrawn. */
export type Unbonding = {
  amount: bigint
  /** The first session the actor is no longer active in. */
  fromSession: bigint
  /** The first session `withdraw` accepts (applications and suppliers also need their claims settled). */
  withdrawableFromSession: bigint
}

/** The application stake of an account: one service, its delegated gateways. */
export type ApplicationStake = {
  /** The service id, or the service key when no `ServiceAdded` event names it. */
  serviceId: string
  stake: bigint
  activeFromSession: bigint
  pendingClaims: number
  unbonding: Unbonding | null
  /** Gateways that may sign for it: open ones, and ended ones the ledger still records. */
  delegations: { gateway: Address; fromSession: bigint; untilSession: bigint | null }[]
}

/** A gateway stake. */
export type GatewayStake = { stake: bigint; activeFromSession: bigint; unbonding: Unbonding | null }

/** A supplier the account operates or owns (the owner's tokens are staked, the operator signs). */
export type SupplierStake = {
  operator: Address
  owner: Address
  stake: bigint
  pendingClaims: number
  unbonding: Unbonding | null
  services: { serviceId: string; endpoint: string; fromSession: bigint; untilSession: bigint | null }[]
}

/** One account's tokens: its balance and what it has staked in each role, read from the ledger. */
export type BalanceRow = {
  label: string
  address: Address
  balance: bigint
  /** The account's own tokens at stake: its application and gateway stakes and the suppliers it owns. */
  stake: bigint
  application: ApplicationStake | null
  gateway: GatewayStake | null
  suppliers: SupplierStake[]
}

/**
 * Token balances and stakes of the given addresses, or of every devnet role when none are given. Stakes are
 * read from the ledger for any address: as an application (with its delegations), a gateway, and a supplier
 * it operates or owns (found through `SupplierStaked` events), each with what is unbonding and from when it
 * can be withdrawn.
 *
 * @param ledger - the ledger
 * @param parameters - addresses to read, or the devnet's keys to label its roles
 * @returns the current session, one row per account and the total supply
 * @example
 * const { rows } = await queryBalances(ledger, { addresses: [], devnetKeys })
 */
export async function queryBalances(
  ledger: Ledger,
  parameters: { addresses: readonly Address[]; devnetKeys: DevnetKeys | undefined },
): Promise<{ session: bigint; rows: BalanceRow[]; totalSupply: bigint }> {
  const accounts = parameters.addresses.length
    ? parameters.addresses.map((address) => ({ label: address, address }))
    : devnetAccounts(parameters.devnetKeys)
  const [session, { totalSupply }, serviceIds] = await Promise.all([
    readLedger(ledger, 'params', 'currentSession', []),
    getTokenBalance(ledger, { address: accounts[0]?.address ?? ledger.contracts.token }),
    readServiceIds(ledger),
  ])
  const rows = await Promise.all(
    accounts.map(({ label, address }) => readAccount(ledger, label, address, serviceIds)),
  )
  return { session, rows, totalSupply }
}

async function readAccount(
  ledger: Ledger,
  label: string,
  address: Address,
  serviceIds: ReadonlyMap<Hex, string>,
): Promise<BalanceRow> {
  const [{ balance }, application, gateway, suppliers] = await Promise.all([
    getTokenBalance(ledger, { address }),
    readApplicationStake(ledger, address, serviceIds),
    readGatewayStake(ledger, address),
    readSupplierStakes(ledger, address, serviceIds),
  ])
  const owned = suppliers.filter((s) => s.owner === getAddress(address))
  const stake =
    (application?.stake ?? 0n) + (gateway?.stake ?? 0n) + owned.reduce((sum, s) => sum + s.stake, 0n)
  return { label, address, balance, stake, application, gateway, suppliers }
}

async function readApplicationStake(
  ledger: Ledger,
  application: Address,
  serviceIds: ReadonlyMap<Hex, string>,
): Promise<ApplicationStake | null> {
  const a = await getApplication(ledger, { application })
  if (a.activeFromSession === 0n) return null
  // The ledger keeps no list of an application's gateways: its delegation events name them.
  const delegated = await getLedgerEvents(ledger, 'applications', 'GatewayDelegated', {
    args: { application },
  })
  const gateways = [...new Set(delegated.map((e) => e.args.gateway))]
  const delegations = (
    await Promise.all(gateways.map((gateway) => getDelegation(ledger, { application, gateway })))
  )
    .filter((d) => d.fromSession !== 0n)
    .map((d) => ({ gateway: d.gateway, fromSession: d.fromSession, untilSession: openEnded(d.untilSession) }))
  return {
    serviceId: serviceIds.get(a.serviceKey) ?? a.serviceKey,
    stake: a.stake,
    activeFromSession: a.activeFromSession,
    pendingClaims: a.pendingClaims,
    unbonding: await readUnbonding(ledger, 'application', a.stake, a.unbondingFromSession),
    delegations,
  }
}

async function readGatewayStake(ledger: Ledger, gateway: Address): Promise<GatewayStake | null> {
  const g = await getGateway(ledger, { gateway })
  if (g.activeFromSession === 0n) return null
  return {
    stake: g.stake,
    activeFromSession: g.activeFromSession,
    unbonding: await readUnbonding(ledger, 'gateway', g.stake, g.unbondingFromSession),
  }
}

// The supplier the address operates, and those it staked as owner (`SupplierStaked` is indexed by owner).
async function readSupplierStakes(
  ledger: Ledger,
  address: Address,
  serviceIds: ReadonlyMap<Hex, string>,
): Promise<SupplierStake[]> {
  const staked = await getLedgerEvents(ledger, 'suppliers', 'SupplierStaked', { args: { owner: address } })
  const operators = [...new Set([getAddress(address), ...staked.map((e) => getAddress(e.args.operator))])]
  const suppliers = await Promise.all(operators.map((operator) => getSupplier(ledger, { operator })))
  const mine = suppliers.filter(
    (s) => s.owner !== zeroAddress && (s.owner === getAddress(address) || s.operator === getAddress(address)),
  )
  return Promise.all(
    mine.map(async (s) => ({
      operator: s.operator,
      owner: s.owner,
      stake: s.stake,
      pendingClaims: s.pendingClaims,
      unbonding: await readUnbonding(ledger, 'supplier', s.stake, s.unbondingFromSession),
      services: s.services.map((service) => ({
        serviceId: serviceIds.get(service.serviceKey) ?? service.serviceKey,
        endpoint: service.endpoint,
        fromSession: service.fromSession,
        untilSession: openEnded(service.untilSession),
      })),
    })),
  )
}

async function readUnbonding(
  ledger: Ledger,
  role: 'application' | 'gateway' | 'supplier',
  amount: bigint,
  unbondingFromSession: bigint,
): Promise<Unbonding | null> {
  if (unbondingFromSession === 0n) return null
  const withdrawableFromSession = await getWithdrawableSession(ledger, { role, unbondingFromSession })
  return { amount, fromSession: unbondingFromSession, withdrawableFromSession }
}

// The ledger stores service keys; `ServiceAdded` gives the id each was registered under.
async function readServiceIds(ledger: Ledger): Promise<Map<Hex, string>> {
  const added = await getLedgerEvents(ledger, 'services', 'ServiceAdded')
  return new Map(added.map((e) => [e.args.serviceKey, e.args.serviceId]))
}

// The ledger writes 0 for "no end yet".
const openEnded = (session: bigint) => (session === 0n ? null : session)

function devnetAccounts(keys: DevnetKeys | undefined): { label: string; address: Address }[] {
  if (!keys) return []
  return [
    { label: 'champion', address: keys.champion.address },
    { label: 'dao', address: keys.dao.address },
    { label: 'application', address: keys.application.address },
    { label: 'gateway', address: keys.gateway.address },
    ...keys.suppliers.flatMap((supplier, index) => [
      { label: `supplier-${index + 1} owner`, address: supplier.owner.address },
      { label: `supplier-${index + 1} operator`, address: supplier.operator.address },
    ]),
  ]
}
