import {
  createDecaiClients,
  createLedger,
  getApplication,
  getSupplier,
  getTokenBalance,
  type Ledger,
  readDeploymentManifest,
  readLedger,
} from '../../../src/chain/index.ts'
import type { DevnetStatus } from '../../../src/cli/devnet/devnetStatus.ts'
import type { Hex } from '../../../src/protocol/bytes/bytes.ts'

/**
 * A read-only view of the devnet's ledger, as any outside observer has it (RPC URL + manifest).
 *
 * @example
 * const ledger = await openLedgerView(devnet.status)
 */
export async function openLedgerView(status: DevnetStatus): Promise<Ledger> {
  return openLedgerViewAt(status.chain.rpcUrl, status.chain.manifest)
}

/**
 * The same view from an RPC URL and a manifest file. The chain is a dev chain wherever it runs, so no
 * caching of the block number.
 *
 * @example
 * const ledger = await openLedgerViewAt('http://10.1.2.10:8545', manifestFile)
 */
export async function openLedgerViewAt(rpcUrl: string, manifestFile: string): Promise<Ledger> {
  const clients = createDecaiClients({ rpcUrl, isDevChain: true })
  return createLedger({ clients, manifest: await readDeploymentManifest(manifestFile) })
}

/** Token balances of every account that settlement pays or charges, and the stakes it may change. */
export type MoneySnapshot = {
  balances: Map<string, bigint>
  applicationStake: bigint
  supplierStakes: Map<string, bigint>
}

/**
 * Reads the balances of the champion, the DAO, every supplier owner and operator (the revenue shares),
 * and the application's and suppliers' stakes.
 *
 * @example
 * const before = await snapshotMoney(ledger, status)
 */
export async function snapshotMoney(ledger: Ledger, status: MoneyAccounts): Promise<MoneySnapshot> {
  const payees = [
    status.champion.address,
    status.dao.address,
    status.gateway.address,
    ...status.suppliers.flatMap((s) => [s.owner, s.operator]),
  ].map((address) => address.toLowerCase() as Hex)
  const balances = new Map<string, bigint>()
  for (const address of payees) balances.set(address, (await getTokenBalance(ledger, { address })).balance)
  const application = await getApplication(ledger, { application: status.application.address as Hex })
  const supplierStakes = new Map<string, bigint>()
  for (const { operator } of status.suppliers)
    supplierStakes.set(
      operator.toLowerCase(),
      (await getSupplier(ledger, { operator: operator as Hex })).stake,
    )
  return { balances, applicationStake: application.stake, supplierStakes }
}

/** The accounts settlement touches (a devnet status has them all). */
export type MoneyAccounts = {
  champion: { address: string }
  dao: { address: string }
  gateway: { address: string }
  application: { address: string }
  suppliers: readonly { owner: string; operator: string }[]
}

/** The chain's position: block height and the current session with its boundaries. */
export async function readChainPosition(ledger: Ledger) {
  const [height, session] = await Promise.all([
    ledger.clients.publicClient.getBlockNumber(),
    readLedger(ledger, 'sessions', 'currentSession', []),
  ])
  const [start, end, , , , , settlementHeight] = await readLedger(ledger, 'sessions', 'timeline', [session])
  return { height, session, start, end, settlementHeight }
}

/**
 * Polls until `check` returns a value, failing with `what` after a generous deadline (a stuck network
 * must fail the test, not hang it). Not a timing assertion: the deadline is minutes.
 *
 * @example
 * const claims = await waitFor('claims of session 4', async () => (await list()).length > 0 ? list() : undefined)
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 180_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/**
 * Waits for the start of a new session (one block into it, when the gateway switches), so that the
 * requests sent next land in one session with room to spare.
 *
 * @returns the session number
 * @example
 * const session = await waitForFreshSession(ledger)
 */
export async function waitForFreshSession(ledger: Ledger, atLeast = 0n): Promise<bigint> {
  const { session } = await readChainPosition(ledger)
  const wanted = session + 1n > atLeast ? session + 1n : atLeast
  return waitFor(`session ${wanted}`, async () => {
    const position = await readChainPosition(ledger)
    return position.session >= wanted && position.height >= position.start + 1n ? position.session : undefined
  })
}

/**
 * Sums each relayminer's `relayminer_relays_mined_total` (relays served, mined and made durable).
 *
 * @example
 * const mined = await readMinedRelays(status)
 */
export async function readMinedRelays(status: DevnetStatus): Promise<bigint> {
  let total = 0n
  for (const supplier of status.suppliers) {
    const text = await (await fetch(supplier.metricsUrl)).text()
    for (const line of text.split('\n'))
      if (line.startsWith('relayminer_relays_mined_total')) total += BigInt(line.trim().split(/\s+/).pop()!)
  }
  return total
}
