/**
 * Starts a real anvil for one test file on a free port and stops it afterwards, with viem clients that
 * never cache (`cacheTime: 0`: a dev chain moves under our feet). Tests isolate themselves with
 * `snapshot()` / `revert()`.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import {
  type Account,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  keccak256,
  type PublicClient,
  parseEther,
  stringToHex,
  type TestClient,
  type Transport,
  type WalletClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

const anvilBin = fileURLToPath(new URL('../../node_modules/.bin/anvil', import.meta.url))

export type Anvil = {
  url: string
  chain: ReturnType<typeof defineChain>
  publicClient: PublicClient
  testClient: TestClient<'anvil', Transport>
  /** A funded account derived from `label` (same label, same key), with a wallet client. */
  wallet(
    label: string,
  ): Promise<{ account: Account; key: Hex; client: WalletClient<Transport, Anvil['chain'], Account> }>
  snapshot(): Promise<Hex>
  revert(id: Hex): Promise<void>
  /** Mines `blocks` empty blocks. */
  mine(blocks: number | bigint): Promise<void>
  blockNumber(): Promise<bigint>
  stop(): Promise<void>
  /** Stops anvil (dumping its state file) and starts it again on the same port from that file. */
  restart(): Promise<void>
}

export type StartAnvilOptions = {
  /** `--state <file>`: load on start, dump on exit (needed by `restart`). */
  stateFile?: string
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function waitReady(url: string, child: ChildProcess): Promise<number> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if (child.exitCode !== null) throw new Error(`anvil exited with ${child.exitCode}`)
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      })
      const body = (await response.json()) as { result: Hex }
      return Number(BigInt(body.result))
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  throw new Error('anvil did not answer')
}

/**
 * Spawns `anvil --port N --silent` (automine) and returns clients for it.
 *
 * @example
 * const anvil = await startAnvil(); afterAll(() => anvil.stop())
 */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<Anvil> {
  const port = await freePort()
  const args = ['--port', String(port), '--silent', '--gas-limit', '60000000']
  if (options.stateFile) args.push('--state', options.stateFile)
  const spawnAnvil = () => spawn(anvilBin, args, { stdio: 'ignore' })
  let child = spawnAnvil()
  const url = `http://127.0.0.1:${port}`
  const chainId = await waitReady(url, child)
  const stop = async () => {
    if (child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGINT')
    await exited
  }
  const chain = defineChain({
    id: chainId,
    name: 'anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  })
  const transport = http(url, { retryCount: 0 })
  const publicClient = createPublicClient({ chain, transport, cacheTime: 0, pollingInterval: 50 })
  const testClient = createTestClient({ chain, transport, mode: 'anvil', cacheTime: 0 })
  return {
    url,
    chain,
    publicClient: publicClient as PublicClient,
    testClient,
    async wallet(label) {
      const key = keccak256(stringToHex(`decai test account ${label}`))
      const account = privateKeyToAccount(key)
      // not cached: an evm_revert may undo an earlier funding
      await testClient.setBalance({ address: account.address, value: parseEther('1000') })
      const client = createWalletClient({ account, chain, transport, cacheTime: 0, pollingInterval: 50 })
      return { account, key, client }
    },
    snapshot: () => testClient.snapshot(),
    revert: (id) => testClient.revert({ id }),
    async mine(blocks) {
      if (BigInt(blocks) > 0n) await testClient.mine({ blocks: Number(blocks) })
    },
    blockNumber: () => publicClient.getBlockNumber({ cacheTime: 0 }),
    stop,
    async restart() {
      await stop()
      child = spawnAnvil()
      await waitReady(url, child)
    },
  }
}
