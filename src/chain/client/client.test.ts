import { concat, type Hex, parseEther, toFunctionSelector } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChainNotDeployedError } from '../errors/deployment.ts'
import { ChainRpcUnavailableError } from '../errors/rpc.ts'
import { ChainCallRevertedError, ChainNoAccountError, ChainTxRevertedError } from '../errors/transaction.ts'
import { anvilDevPrivateKeys } from '../localChain/devAccounts.ts'
import { type StartLocalChainReturnType, startLocalChain } from '../localChain/startLocalChain.ts'
import { type StartRpcProxyReturnType, startRpcProxy } from '../testing/startRpcProxy.ts'
import { createDecaiClients, type DecaiClients } from './createDecaiClients.ts'
import { readContract } from './readContract.ts'
import { sendContractTransaction } from './sendContractTransaction.ts'
import { sendTransaction } from './sendTransaction.ts'

// A contract whose every call reverts with `Nope(42)`, assembled by hand so that this test needs no compiler.
const nopeAbi = [
  { type: 'function', name: 'poke', inputs: [], outputs: [], stateMutability: 'nonpayable' },
  { type: 'function', name: 'peek', inputs: [], outputs: [{ type: 'uint256' }], stateMutability: 'view' },
  { type: 'error', name: 'Nope', inputs: [{ name: 'code', type: 'uint256' }] },
] as const
const nopeRuntime = concat([
  '0x63',
  toFunctionSelector('error Nope(uint256)'),
  '0x60e01b600052602a60045260246000fd',
])
const nopeInitCode = concat(['0x6015600c60003960156000f3', nopeRuntime])

let chain: StartLocalChainReturnType
let proxy: StartRpcProxyReturnType
let clients: DecaiClients
let nopeAddress: Hex

beforeAll(async () => {
  chain = await startLocalChain()
  proxy = await startRpcProxy(chain.rpcUrl)
  clients = createDecaiClients({ rpcUrl: proxy.url, account: anvilDevPrivateKeys[0], retryDelayMs: 1 })
  const { receipt } = await sendTransaction(clients, {
    data: nopeInitCode,
    revert: { abi: nopeAbi, contract: 'Nope', functionName: 'constructor' },
  })
  nopeAddress = receipt.contractAddress!
})
afterAll(async () => {
  await proxy?.close()
  await chain?.stop()
})

const recipient = (i: number) => `0x${(0xdec0000 + i).toString(16).padStart(40, '0')}` as Hex

describe('chain client', () => {
  it('behavior: concurrent writes from one key get distinct nonces and all land', async () => {
    const sends = Array.from({ length: 8 }, (_, i) =>
      sendTransaction(clients, { to: recipient(i), data: '0x', value: parseEther('1'), revert: transfer }),
    )
    const results = await Promise.all(sends)
    expect(new Set(results.map((r) => r.transactionHash)).size).toBe(8)
    const balances = await Promise.all(
      results.map((_, i) => clients.publicClient.getBalance({ address: recipient(i) })),
    )
    expect(balances).toEqual(Array(8).fill(parseEther('1')))
  })

  it('behavior: reads issued together share one HTTP request (JSON-RPC batch)', async () => {
    const before = proxy.requestCount()
    await Promise.all([0, 1, 2, 3, 4].map((i) => clients.publicClient.getBalance({ address: recipient(i) })))
    expect(proxy.requestCount() - before).toBe(1)
  })

  it('behavior: transient 503, 429 and connection resets are retried', async () => {
    for (const fault of ['status503', 'status429', 'reset'] as const) {
      proxy.failNext(2, fault)
      expect(await clients.publicClient.getChainId()).toBe(31337)
    }
  })

  it('behavior: the block number is never cached on a dev chain', async () => {
    const before = await clients.publicClient.getBlockNumber()
    await chain.mine(2)
    expect(await clients.publicClient.getBlockNumber()).toBe(before + 2n)
  })

  it('error: a reverting write names the custom error before sending', async () => {
    const error = await sendContractTransaction(clients, {
      contract: 'Nope',
      address: nopeAddress,
      abi: nopeAbi,
      functionName: 'poke',
      args: [],
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChainTxRevertedError)
    expect(error).toMatchObject({
      code: 'CHAIN_TX_REVERTED',
      errorName: 'Nope',
      errorArgs: [42n],
      transactionHash: undefined,
    })
    expect((error as Error).message).toContain('Nope.poke reverted: Nope')
  })

  it('error: a write that reverts once mined is explained by replaying it', async () => {
    const error = await sendContractTransaction(clients, {
      contract: 'Nope',
      address: nopeAddress,
      abi: nopeAbi,
      functionName: 'poke',
      args: [],
      gas: 100_000n,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChainTxRevertedError)
    expect(error).toMatchObject({ errorName: 'Nope', errorArgs: [42n] })
    expect((error as ChainTxRevertedError).transactionHash).toMatch(/^0x[0-9a-f]{64}$/)
  })

  it('error: a reverting read names the custom error', async () => {
    const error = await readContract(clients, {
      contract: 'Nope',
      address: nopeAddress,
      abi: nopeAbi,
      functionName: 'peek',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChainCallRevertedError)
    expect(error).toMatchObject({ code: 'CHAIN_CALL_REVERTED', errorName: 'Nope', functionName: 'peek' })
  })

  it('error: a read from an address without code', async () => {
    const error = await readContract(clients, {
      contract: 'Nope',
      address: recipient(99),
      abi: nopeAbi,
      functionName: 'peek',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChainNotDeployedError)
  })

  it('error: a write without an account', async () => {
    const readOnly = createDecaiClients({ rpcUrl: chain.rpcUrl })
    const error = await sendTransaction(readOnly, { to: recipient(0), data: '0x', revert: transfer }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ChainNoAccountError)
  })

  it('error: the node stays unreachable after the retries', async () => {
    proxy.setOutage('status503')
    try {
      const error = await clients.publicClient.getChainId().catch((e: unknown) => e)
      const viaRead = await readContract(clients, {
        contract: 'Nope',
        address: nopeAddress,
        abi: nopeAbi,
        functionName: 'peek',
      }).catch((e: unknown) => e)
      expect(error).toBeDefined()
      expect(viaRead).toBeInstanceOf(ChainRpcUnavailableError)
    } finally {
      proxy.setOutage(undefined)
    }
  })

  it('error: nothing listens at the URL', async () => {
    const dead = createDecaiClients({ rpcUrl: 'http://127.0.0.1:9', retryCount: 2, retryDelayMs: 1 })
    const error = await readContract(dead, {
      contract: 'Nope',
      address: nopeAddress,
      abi: nopeAbi,
      functionName: 'peek',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChainRpcUnavailableError)
    expect((error as ChainRpcUnavailableError).code).toBe('CHAIN_RPC_UNAVAILABLE')
  })
})

const transfer = { abi: [], contract: 'account', functionName: 'transfer' }
