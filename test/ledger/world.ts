/**
 * A deployed ledger with named actors and helpers to drive it: send transactions, read state, name the
 * custom error a call reverts with, and move through a session's timeline.
 */
import {
  type Abi,
  type Account,
  type Address,
  BaseError,
  decodeErrorResult,
  type Hex,
  maxUint256,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from 'viem'
import { type Anvil, startAnvil } from './anvil.ts'
import {
  abis,
  type DeployLedgerParameters,
  deployLedger,
  type Ledger,
  type LedgerAddresses,
} from './deployLedger.ts'

export type Wallet = { account: Account; key: Hex; client: WalletClient<Transport, Anvil['chain'], Account> }
export type ContractName = keyof LedgerAddresses

/** Every custom error of every ledger contract, to name whatever a nested call reverted with. */
const allErrors = Object.values(abis)
  .flat()
  .filter((item) => item.type === 'error') as Abi

export const TOKEN = 1_000_000n

export type Timeline = {
  start: bigint
  end: bigint
  claimOpen: bigint
  claimClose: bigint
  proofOpen: bigint
  proofClose: bigint
  settlementHeight: bigint
}

export type World = {
  anvil: Anvil
  ledger: Ledger
  gov: Wallet
  wallet(label: string): Promise<Wallet>
  address(name: ContractName): Address
  send(
    from: Wallet,
    name: ContractName,
    functionName: string,
    args?: readonly unknown[],
  ): Promise<TransactionReceipt>
  read<T = unknown>(name: ContractName, functionName: string, args?: readonly unknown[]): Promise<T>
  /** Mints from the faucet to `to` and approves `spender` for everything. */
  fund(to: Wallet, amount: bigint, spender: ContractName): Promise<void>
  balanceOf(address: Address): Promise<bigint>
  currentSession(): Promise<bigint>
  timeline(session: bigint): Promise<Timeline>
  /** Mines empty blocks until the next block is `height` (so the next transaction lands there). */
  mineUntilNext(height: bigint): Promise<void>
  /** Mines to the start of `session` and records its seed. */
  enterSession(session: bigint): Promise<void>
  /** Enters the next session and returns its number: the next few transactions share a session. */
  freshSession(): Promise<bigint>
}

/**
 * Starts anvil, deploys the ledger (devnet preset unless overridden) and returns the world.
 *
 * @example
 * const world = await createWorld(); afterAll(() => world.anvil.stop())
 */
export async function createWorld(
  options: Omit<DeployLedgerParameters, 'anvil' | 'deployer'> & { stateFile?: string } = {},
): Promise<World> {
  const { stateFile, ...deployOptions } = options
  const anvil = await startAnvil(stateFile ? { stateFile } : {})
  const gov = await anvil.wallet('governance')
  const ledger = await deployLedger({ anvil, deployer: gov.client, ...deployOptions })
  const address = (name: ContractName) => ledger.addresses[name]

  const send: World['send'] = async (from, name, functionName, args = []) => {
    const hash = await from.client.writeContract({
      address: address(name),
      abi: abis[name],
      functionName,
      args,
      account: from.account,
      chain: anvil.chain,
    } as never)
    const receipt = await anvil.publicClient.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success')
      throw new Error(`${name}.${functionName} reverted in block ${receipt.blockNumber}`)
    return receipt
  }
  const read: World['read'] = async (name, functionName, args = []) =>
    (await anvil.publicClient.readContract({
      address: address(name),
      abi: abis[name],
      functionName,
      args,
    } as never)) as never

  const world: World = {
    anvil,
    ledger,
    gov,
    wallet: (label) => anvil.wallet(label),
    address,
    send,
    read,
    async fund(to, amount, spender) {
      await send(gov, 'token', 'faucetMint', [to.account.address, amount])
      await send(to, 'token', 'approve', [address(spender), maxUint256])
    },
    balanceOf: (owner) => read<bigint>('token', 'balanceOf', [owner]),
    currentSession: () => read<bigint>('sessions', 'currentSession'),
    async timeline(session) {
      const t = await read<readonly bigint[]>('sessions', 'timeline', [session])
      const [start, end, claimOpen, claimClose, proofOpen, proofClose, settlementHeight] = t as [
        bigint,
        bigint,
        bigint,
        bigint,
        bigint,
        bigint,
        bigint,
      ]
      return { start, end, claimOpen, claimClose, proofOpen, proofClose, settlementHeight }
    },
    async mineUntilNext(height) {
      const current = await anvil.blockNumber()
      if (height <= current) throw new Error(`block ${height} is already mined (at ${current})`)
      await anvil.mine(height - current - 1n)
    },
    async enterSession(session) {
      const { start } = await world.timeline(session)
      const current = await anvil.blockNumber()
      if (current < start) await anvil.mine(start - current)
      await send(gov, 'sessions', 'recordSessionSeed', [session])
    },
    async freshSession() {
      const next = (await world.currentSession()) + 1n
      await world.enterSession(next)
      return next
    },
  }
  return world
}

/**
 * The name of the custom error `promise` reverted with (from any ledger contract), or throws if it did
 * not revert.
 *
 * @example
 * expect(await revertName(world.send(...))).toBe('ClaimExists')
 */
export async function revertName(promise: Promise<unknown>): Promise<string> {
  return (await revertError(promise)).name
}

/** The custom error (name and arguments) `promise` reverted with; throws if it did not revert. */
export async function revertError(
  promise: Promise<unknown>,
): Promise<{ name: string; args: readonly unknown[] }> {
  try {
    await promise
  } catch (error) {
    const data = findRevertData(error)
    if (data === undefined) throw error
    if (data === '0x') return { name: 'EmptyRevert', args: [] }
    try {
      const decoded = decodeErrorResult({ abi: allErrors, data })
      return { name: decoded.errorName, args: decoded.args ?? [] }
    } catch {
      return { name: `Unknown(${data.slice(0, 10)})`, args: [] }
    }
  }
  throw new Error('expected a revert, but the call succeeded')
}

function findRevertData(error: unknown): Hex | undefined {
  if (!(error instanceof BaseError)) return undefined
  let found: Hex | undefined
  error.walk((e) => {
    const candidate = (e as { raw?: unknown; data?: unknown }).raw ?? (e as { data?: unknown }).data
    if (typeof candidate === 'string' && candidate.startsWith('0x')) {
      found = candidate as Hex
      return true
    }
    if (candidate && typeof candidate === 'object' && 'data' in candidate) {
      const nested = (candidate as { data?: unknown }).data
      if (typeof nested === 'string' && nested.startsWith('0x')) {
        found = nested as Hex
        return true
      }
    }
    return false
  })
  return found
}
