import { describe, expect, it } from 'vitest'
import type { Hex } from '../../../protocol/bytes/bytes.ts'
import { createMemoryDataSource, memoryEvent } from '../../testing/createMemoryDataSource.ts'
import { matchSettlementMints } from './matchSettlementMints.ts'

const address = (byte: string) => `0x${byte.repeat(20)}` as Hex
const zero = address('00')
const [operator, shareA, shareB, champion, dao] = ['01', '0a', '0b', 'c0', 'd0'].map(address) as [
  Hex,
  Hex,
  Hex,
  Hex,
  Hex,
]
const tx = `0x${'99'.repeat(32)}` as Hex

function setup(shares: Hex[]) {
  const data = createMemoryDataSource()
  data.push(
    memoryEvent({
      blockNumber: 1n,
      logIndex: 0,
      contract: 'Suppliers',
      eventName: 'RevenueSharesSet',
      args: { operator, shares: shares.map((recipient) => ({ recipient, bps: 10_000 / shares.length })) },
    }),
  )
  let logIndex = 0
  const mint = (to: Hex, value: bigint) =>
    data.push(
      memoryEvent({
        blockNumber: 9n,
        logIndex: logIndex++,
        transactionHash: tx,
        contract: 'DecaiToken',
        eventName: 'Transfer',
        args: { from: zero, to, value },
      }),
    )
  const settle = (key: string) => {
    const event = memoryEvent({
      blockNumber: 9n,
      logIndex: logIndex++,
      transactionHash: tx,
      contract: 'Settlement',
      eventName: 'ClaimSettled',
      args: { claimKey: key, supplierOperator: operator },
    })
    data.push(event)
    return { ...event, id: `9:${event.logIndex}` }
  }
  return { data, mint, settle }
}

describe('matchSettlementMints', () => {
  it('behavior: splits the mints before a ClaimSettled into revenue shares, champion and DAO', () => {
    const { data, mint, settle } = setup([shareA, shareB])
    mint(shareA, 40n)
    mint(shareB, 40n)
    mint(champion, 10n)
    mint(dao, 10n)
    expect(matchSettlementMints(data, settle('0x01'), champion)).toEqual({
      toSupplier: 80n,
      toChampion: 10n,
      toDao: 10n,
    })
  })

  it('behavior: a batch settles claims one after another; each takes only the mints after the previous one', () => {
    const { data, mint, settle } = setup([shareA])
    mint(shareA, 8n)
    mint(champion, 1n)
    mint(dao, 1n)
    settle('0x01')
    mint(shareA, 80n)
    mint(dao, 20n)
    expect(matchSettlementMints(data, settle('0x02'), champion)).toEqual({
      toSupplier: 80n,
      toChampion: 0n,
      toDao: 20n,
    })
  })

  it('behavior: zero amounts are not minted, so a champion who is also a share recipient is matched by order', () => {
    const { data, mint, settle } = setup([champion])
    mint(champion, 80n)
    mint(champion, 10n)
    mint(dao, 10n)
    expect(matchSettlementMints(data, settle('0x01'), champion)).toEqual({
      toSupplier: 80n,
      toChampion: 10n,
      toDao: 10n,
    })
  })

  it('behavior: transfers that are not mints (from an address) are ignored', () => {
    const { data, settle } = setup([shareA])
    data.push(
      memoryEvent({
        blockNumber: 9n,
        logIndex: 50,
        transactionHash: tx,
        contract: 'DecaiToken',
        eventName: 'Transfer',
        args: { from: shareA, to: dao, value: 5n },
      }),
    )
    expect(matchSettlementMints(data, { ...settle('0x01'), logIndex: 60 }, champion)).toEqual({
      toSupplier: 0n,
      toChampion: 0n,
      toDao: 0n,
    })
  })
})
