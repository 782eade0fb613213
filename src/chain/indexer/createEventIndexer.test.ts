import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Address, getAddress, type Hex, pad } from 'viem'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDecaiClients, type DecaiClients } from '../client/createDecaiClients.ts'
import { ChainIndexerError } from '../errors/indexer.ts'
import { anvilDevPrivateKeys } from '../localChain/devAccounts.ts'
import { type StartLocalChainReturnType, startLocalChain } from '../localChain/startLocalChain.ts'
import { deployPingEmitter, pingEmitterAbi } from '../testing/deployPingEmitter.ts'
import { type StartRpcProxyReturnType, startRpcProxy } from '../testing/startRpcProxy.ts'
import { createEventIndexer } from './createEventIndexer.ts'
import type { DecaiEvent } from './types.ts'

const dir = mkdtempSync(join(tmpdir(), 'decai-indexer-'))
let chain: StartLocalChainReturnType
let proxy: StartRpcProxyReturnType
let clients: DecaiClients
let emitter: Awaited<ReturnType<typeof deployPingEmitter>>

const session = (i: number) => pad(`0x${i.toString(16)}`, { size: 32 }) as Hex
const supplierA = getAddress('0x00000000000000000000000000000000000000aa')
const supplierB = getAddress('0x00000000000000000000000000000000000000bb')

beforeAll(async () => {
  chain = await startLocalChain()
  proxy = await startRpcProxy(chain.rpcUrl)
  clients = createDecaiClients({
    rpcUrl: proxy.url,
    account: anvilDevPrivateKeys[0],
    retryCount: 1,
    retryDelayMs: 1,
  })
  emitter = await deployPingEmitter(clients)
  await emitter.ping({ sessionId: session(1), supplier: supplierA, amount: 10n })
  await emitter.ping({ sessionId: session(1), supplier: supplierB, amount: 2n ** 255n })
  await emitter.ping({ sessionId: session(2), supplier: supplierA, amount: 30n })
})
afterAll(async () => {
  await proxy?.close()
  await chain?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const indexerAt = (path: string, overrides: Partial<Parameters<typeof createEventIndexer>[0]> = {}) =>
  createEventIndexer({
    clients,
    contracts: [{ name: 'PingEmitter', address: emitter.address, abi: pingEmitterAbi }],
    fromBlock: emitter.blockNumber,
    path: join(dir, path),
    ...overrides,
  })
const amounts = (events: DecaiEvent[]) => events.map((e) => e.args.amount)

describe('createEventIndexer', () => {
  it('behavior: indexes every event from the deploy block and answers queries by dimension, type and range', async () => {
    const indexer = indexerAt('query')
    expect(await indexer.sync()).toBe(await clients.publicClient.getBlockNumber())
    const all = indexer.getEvents()
    expect(all.map((e) => e.eventName)).toEqual(['Ping', 'Ping', 'Ping'])
    expect(all[0]).toMatchObject({
      contract: 'PingEmitter',
      address: emitter.address,
      args: { sessionId: session(1), supplier: supplierA },
    })
    expect(amounts(indexer.getEvents({ sessionId: session(1) }))).toEqual([10n, 2n ** 255n])
    expect(amounts(indexer.getEvents({ supplier: supplierA.toLowerCase() as Address }))).toEqual([10n, 30n])
    expect(amounts(indexer.getEvents({ supplier: supplierA, sessionId: session(2) }))).toEqual([30n])
    expect(amounts(indexer.getEvents({ eventName: 'Ping', fromBlock: all[1]!.blockNumber }))).toEqual([
      2n ** 255n,
      30n,
    ])
    expect(amounts(indexer.getEvents({ toBlock: all[0]!.blockNumber }))).toEqual([10n])
    expect(amounts(indexer.getEvents({}, { order: 'desc', limit: 2 }))).toEqual([30n, 2n ** 255n])
    expect(indexer.getEvents({ eventName: 'Other' })).toEqual([])
    expect(indexer.getEvent(all[2]!.id)).toEqual(all[2])
    await indexer.stop()
  })

  it('behavior: resumes from its checkpoint after a restart without duplicating events', async () => {
    const first = indexerAt('restart')
    await first.sync()
    await first.stop()
    await emitter.ping({ sessionId: session(3), supplier: supplierB, amount: 40n })
    const second = indexerAt('restart')
    expect(second.getEvents()).toHaveLength(3)
    await second.sync()
    expect(amounts(second.getEvents({ supplier: supplierB }))).toEqual([2n ** 255n, 40n])
    expect(second.getEvents()).toHaveLength(4)
    await second.stop()
  })

  it('behavior: subscribers and block waits see new events while following', async () => {
    const indexer = indexerAt('follow', { pollingIntervalMs: 20 })
    const seen: DecaiEvent[] = []
    const unsubscribe = indexer.subscribe({ supplier: supplierA }, (event) => seen.push(event))
    indexer.start()
    await indexer.waitForBlock(await clients.publicClient.getBlockNumber())
    const { receipt } = await emitter.ping({ sessionId: session(4), supplier: supplierA, amount: 50n })
    await emitter.ping({ sessionId: session(4), supplier: supplierB, amount: 60n })
    await indexer.waitForBlock(receipt.blockNumber + 1n)
    unsubscribe()
    expect(amounts(seen)).toEqual([10n, 30n, 50n])
    await indexer.stop()
  })

  it('behavior: survives an RPC outage and catches up afterwards', async () => {
    const indexer = indexerAt('outage', { pollingIntervalMs: 10 })
    await indexer.sync()
    const synced = indexer.getSyncStatus()
    expect(synced).toMatchObject({ failingSinceMs: null, lastError: undefined })
    expect(synced.lastSyncedAtMs).toEqual(expect.any(Number))
    proxy.setOutage('reset')
    await expect(indexer.sync()).rejects.toThrow()
    const failing = indexer.getSyncStatus()
    expect(failing.failingSinceMs).toEqual(expect.any(Number))
    expect(failing.lastError).toBeInstanceOf(Error)
    expect(failing.lastSyncedAtMs).toBe(synced.lastSyncedAtMs)
    indexer.start()
    // The indexer reads through the failing proxy; the event is sent to the node directly.
    const direct = createDecaiClients({ rpcUrl: chain.rpcUrl, account: anvilDevPrivateKeys[1] })
    const { receipt } = await emitter.ping(
      { sessionId: session(5), supplier: supplierA, amount: 70n },
      direct,
    )
    const waiting = indexer.waitForBlock(receipt.blockNumber)
    proxy.setOutage(undefined)
    await waiting
    expect(indexer.getCheckpoint()!.blockNumber).toBeGreaterThanOrEqual(receipt.blockNumber)
    // The follow loop itself clears the failure once a step succeeds.
    await vi.waitFor(() =>
      expect(indexer.getSyncStatus()).toMatchObject({ failingSinceMs: null, lastError: undefined }),
    )
    await indexer.stop()
  })

  it('behavior: rebuilds its store when the chain was replaced by another deployment', async () => {
    const indexer = indexerAt('replaced')
    await indexer.sync()
    await indexer.stop()
    const other = await startLocalChain()
    try {
      const otherClients = createDecaiClients({ rpcUrl: other.rpcUrl, account: anvilDevPrivateKeys[0] })
      const otherEmitter = await deployPingEmitter(otherClients)
      expect(otherEmitter.address).toBe(emitter.address)
      await otherEmitter.ping({ sessionId: session(9), supplier: supplierB, amount: 1n })
      const rebuilt = indexerAt('replaced', { clients: otherClients, fromBlock: otherEmitter.blockNumber })
      await rebuilt.sync()
      expect(amounts(rebuilt.getEvents())).toEqual([1n])
      await rebuilt.stop()
    } finally {
      await other.stop()
    }
  })

  it('behavior: a reorganised block is re-indexed and its dropped events removed', async () => {
    const indexer = indexerAt('reorg', { reorgRewindBlocks: 4n })
    const { receipt } = await emitter.ping({ sessionId: session(6), supplier: supplierA, amount: 80n })
    await indexer.sync()
    expect(indexer.getEvents({ sessionId: session(6) })).toHaveLength(1)
    // Replace the last block (the one holding the ping) with an empty one, then extend the chain.
    await chain.request('anvil_reorg', [1, []])
    await chain.mine(1)
    await indexer.sync()
    expect(indexer.getEvents({ sessionId: session(6) })).toEqual([])
    expect(indexer.getCheckpoint()!.blockNumber).toBe(receipt.blockNumber + 1n)
    await indexer.stop()
  })

  it('error: used after stop, and waits pending at stop', async () => {
    const indexer = indexerAt('stopped')
    const pending = indexer.waitForBlock(10_000n)
    await indexer.stop()
    await expect(pending).rejects.toBeInstanceOf(ChainIndexerError)
    expect(() => indexer.getEvents()).toThrow(ChainIndexerError)
  })
})
