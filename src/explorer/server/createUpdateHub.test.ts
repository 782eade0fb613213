import { describe, expect, it } from 'vitest'
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
    const head = new Promise<StreamMessage>((resolve) => hub.add(resolve))
    data.setIndexedHeight(42n)
    expect(await head).toEqual({ type: 'head', indexedHeight: '42' })
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
