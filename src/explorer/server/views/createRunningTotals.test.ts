import { describe, expect, it } from 'vitest'
import { createMemoryDataSource, type MemoryDataSource } from '../../testing/createMemoryDataSource.ts'
import { pushSeededBlocks, type SeededKind } from '../../testing/pushSeededBlocks.ts'
import { createRunningTotals, scanTotals } from './createRunningTotals.ts'

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}`

// A deterministic mix of every kind of event the totals fold, and some they ignore.
const kindsOf = (seed: number): SeededKind[] => {
  return [
    [
      'Settlement',
      'ClaimSettled',
      { burned: BigInt(seed * 7), minted: BigInt(seed * 5), inflationMinted: 1n },
    ],
    ['Settlement', 'ClaimExpired', { slashed: BigInt(seed * 3) }],
    ['Claims', 'ClaimCreated', {}],
    ['Proofs', 'ProofAccepted', {}],
    ['Suppliers', 'SupplierStaked', { operator: address(seed % 5) }],
    ['Applications', 'ApplicationStaked', { application: address(seed % 3) }],
    ['Gateways', 'GatewayStaked', { gateway: address(seed % 2) }],
    ['DecaiToken', 'Transfer', {}],
  ]
}

const pushBlocks = (data: MemoryDataSource, from: number, to: number, seedBase = 0) =>
  pushSeededBlocks(data, { from, to, seedBase }, kindsOf)

function countScans(data: MemoryDataSource) {
  let scans = 0
  const getEvents = data.getEvents
  data.getEvents = (query, options) => {
    // A scan reads each folded event name; the incremental path reads none of them.
    if (query?.eventName === 'ClaimSettled') scans++
    return getEvents(query, options)
  }
  return () => scans
}

describe('createRunningTotals', () => {
  it('behavior: events indexed after the first read are added one by one and equal a full re-scan', () => {
    const data = createMemoryDataSource()
    const scans = countScans(data)
    pushBlocks(data, 1, 10)
    const totals = createRunningTotals(data)
    expect(totals.read()).toEqual(scanTotals(data))
    const afterFirstRead = scans()
    for (let block = 11; block <= 40; block++) {
      pushBlocks(data, block, block)
      expect(totals.read()).toEqual(scanTotals(data))
    }
    // Only the comparisons scanned: the running totals themselves did not.
    expect(scans() - afterFirstRead).toBe(30)
    expect(totals.read().tokens.settledClaims).toBeGreaterThan(0)
    expect(totals.read().counts.suppliers).toBe(5)
    totals.close()
  })

  it('behavior: a reorg that re-publishes earlier blocks makes the next read scan again', () => {
    const data = createMemoryDataSource()
    pushBlocks(data, 1, 20)
    const totals = createRunningTotals(data)
    totals.read()
    data.rewindTo(15n)
    pushBlocks(data, 16, 22, 1)
    expect(totals.read()).toEqual(scanTotals(data))
    totals.close()
  })

  it('behavior: a reorg that only removed events is noticed too', () => {
    const data = createMemoryDataSource()
    pushBlocks(data, 1, 20)
    const totals = createRunningTotals(data)
    const before = totals.read()
    data.rewindTo(12n)
    expect(totals.read()).toEqual(scanTotals(data))
    expect(totals.read()).not.toEqual(before)
    totals.close()
  })

  it('default: an empty index gives zeros, then follows the first events', () => {
    const data = createMemoryDataSource()
    const totals = createRunningTotals(data)
    expect(totals.read().tokens).toEqual({
      burned: '0',
      minted: '0',
      inflationMinted: '0',
      slashed: '0',
      settledClaims: 0,
      expiredClaims: 0,
    })
    pushBlocks(data, 1, 3)
    expect(totals.read()).toEqual(scanTotals(data))
    totals.close()
  })
})
