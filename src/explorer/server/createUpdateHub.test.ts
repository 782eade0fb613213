import { describe, expect, it, vi } from 'vitest'
import type { StreamMessage } from '../api/types.ts'
import { createMemoryDataSource, memoryEvent } from '../testing/createMemoryDataSource.ts'
import { createUpdateHub } from './createUpdateHub.ts'

const event = (blockNumber: bigint, logIndex: number, eventName: string) =>
  memoryEvent({ blockNumber, logIndex, contract: 'Settlement', eventName, args: {} })

describe('createUpdateHub', () => {
  it('behavior: the events of one indexer commit become one message', async () => {
    const data = createMemoryDataSource()
    const hub = createUpdateHub({ data, headPollMs: 60_000 })
    const messages: StreamMessage[] = []
    const remove = hub.add((m) => messages.push(m))
    data.push(event(7n, 0, 'ClaimSettled'), event(7n, 1, 'ClaimSettled'), event(8n, 0, 'ClaimExpired'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(messages).toEqual([
      { type: 'chain', indexedHeight: null, chain: { state: 'reachable', lastSyncedAtMs: 0 } },
      {
        type: 'events',
        indexedHeight: '8',
        eventNames: ['ClaimSettled', 'ClaimExpired'],
        fromBlock: '7',
        toBlock: '8',
      },
    ])
    remove()
    expect(hub.size()).toBe(0)
    hub.close()
  })

  it('behavior: a new indexed height without events becomes a head message', async () => {
    const data = createMemoryDataSource()
    const hub = createUpdateHub({ data, headPollMs: 5 })
    const head = new Promise<StreamMessage>((resolve) => hub.add((m) => m.type === 'head' && resolve(m)))
    data.setIndexedHeight(42n)
    expect(await head).toEqual({ type: 'head', indexedHeight: '42' })
    hub.close()
  })

  it('behavior: a chain message tells each new listener the state, and all listeners when the node is lost and regained', async () => {
    const data = createMemoryDataSource()
    data.setIndexedHeight(4n)
    const hub = createUpdateHub({ data, headPollMs: 5 })
    const messages: StreamMessage[] = []
    hub.add((m) => messages.push(m))
    const down = { lastSyncedAtMs: 1_000, failingSinceMs: 2_000, errorCode: 'CHAIN_RPC_UNAVAILABLE' }
    data.setSyncStatus(down)
    await vi.waitFor(() => expect(messages).toHaveLength(2))
    // Later failures of the same outage are not news.
    data.setSyncStatus({ ...down, errorCode: 'CHAIN_RPC_ERROR' })
    await new Promise((resolve) => setTimeout(resolve, 30))
    const late: StreamMessage[] = []
    hub.add((m) => late.push(m))
    data.setSyncStatus({ lastSyncedAtMs: 3_000, failingSinceMs: null, errorCode: null })
    await vi.waitFor(() => expect(messages).toHaveLength(3))
    expect(messages).toEqual([
      { type: 'chain', indexedHeight: '4', chain: { state: 'reachable', lastSyncedAtMs: 0 } },
      {
        type: 'chain',
        indexedHeight: '4',
        chain: {
          state: 'unreachable',
          sinceMs: 2_000,
          lastSyncedAtMs: 1_000,
          errorCode: 'CHAIN_RPC_UNAVAILABLE',
        },
      },
      { type: 'chain', indexedHeight: '4', chain: { state: 'reachable', lastSyncedAtMs: 3_000 } },
    ])
    expect(late[0]).toEqual({
      type: 'chain',
      indexedHeight: '4',
      chain: { state: 'unreachable', sinceMs: 2_000, lastSyncedAtMs: 1_000, errorCode: 'CHAIN_RPC_ERROR' },
    })
    hub.close()
  })

  it('behavior: closing the hub cancels a flush still scheduled, which would read a data source closed next', async () => {
    const data = createMemoryDataSource()
    const hub = createUpdateHub({ data, headPollMs: 60_000 })
    data.push(event(7n, 0, 'ClaimSettled'))
    hub.close()
    let reads = 0
    const getIndexedHeight = data.getIndexedHeight
    data.getIndexedHeight = () => {
      reads++
      return getIndexedHeight()
    }
    await new Promise((resolve) => setImmediate(resolve))
    expect(reads).toBe(0)
  })
})
