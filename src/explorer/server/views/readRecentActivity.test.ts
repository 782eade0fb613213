import { describe, expect, it } from 'vitest'
import { createMemoryDataSource, memoryEvent } from '../../testing/createMemoryDataSource.ts'
import { readRecentActivity } from './readRecentActivity.ts'

const ledger = (blockNumber: bigint, logIndex = 0) =>
  memoryEvent({ blockNumber, logIndex, contract: 'Claims', eventName: 'ClaimCreated', args: {} })
const transfer = (blockNumber: bigint, logIndex: number) =>
  memoryEvent({ blockNumber, logIndex, contract: 'DecaiToken', eventName: 'Transfer', args: {} })

describe('readRecentActivity', () => {
  it('behavior: finds the most recent ledger events behind many more recent token transfers', () => {
    const data = createMemoryDataSource()
    for (let block = 1n; block <= 20n; block++) data.push(ledger(block))
    for (let block = 21n; block <= 120n; block++) data.push(transfer(block, 0), transfer(block, 1))
    const found = readRecentActivity(data, 15)
    expect(found.map((e) => e.blockNumber)).toEqual(Array.from({ length: 15 }, (_, i) => 20n - BigInt(i)))
  })

  it('behavior: a block with more events than a page is read whole, each event once', () => {
    const data = createMemoryDataSource()
    data.push(ledger(1n, 0), ledger(1n, 1))
    for (let i = 0; i < 300; i++) data.push(transfer(2n, i))
    data.push(...Array.from({ length: 10 }, (_, i) => ledger(2n, 300 + i)))
    const found = readRecentActivity(data, 15)
    expect(found.map((e) => e.id)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `2:${309 - i}`),
      '1:1',
      '1:0',
    ])
  })

  it('behavior: FaucetMinted counts as ledger activity; fewer events than asked gives them all', () => {
    const data = createMemoryDataSource()
    data.push(
      memoryEvent({
        blockNumber: 3n,
        logIndex: 0,
        contract: 'DecaiToken',
        eventName: 'FaucetMinted',
        args: {},
      }),
    )
    data.push(transfer(4n, 0))
    expect(readRecentActivity(data, 15).map((e) => e.eventName)).toEqual(['FaucetMinted'])
  })
})
