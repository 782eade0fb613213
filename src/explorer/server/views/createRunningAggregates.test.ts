import { describe, expect, it } from 'vitest'
import { createMemoryDataSource, type MemoryDataSource } from '../../testing/createMemoryDataSource.ts'
import { syntheticBlock, syntheticGenesis } from '../../testing/syntheticChain.ts'
import { createRunningAggregates, scanAggregates } from './createRunningAggregates.ts'
import { readServiceRegistry } from './serviceRegistry.ts'

function setup() {
  const data = createMemoryDataSource()
  data.push(...syntheticGenesis())
  const registry = () => readServiceRegistry(data)
  return { data, registry, running: createRunningAggregates(data, registry) }
}

const pushBlocks = (data: MemoryDataSource, from: number, to: number, variant = 0) => {
  for (let b = from; b <= to; b++) data.push(...syntheticBlock(b, variant))
}

describe('createRunningAggregates', () => {
  it('behavior: after every block the running aggregates equal a full scan', () => {
    const { data, registry, running } = setup()
    pushBlocks(data, 2, 5)
    expect(running.read()).toEqual(scanAggregates(data, registry))
    for (let b = 6; b <= 40; b++) {
      pushBlocks(data, b, b)
      expect(running.read()).toEqual(scanAggregates(data, registry))
    }
    const sums = running.read()
    expect(sums.settlements.length).toBeGreaterThan(50)
    expect([...sums.suppliers.values()].some((s) => s.proofs > 0 && s.expired > 0 && s.earned > 0n)).toBe(
      true,
    )
    expect(sums.services.get('svc-a')?.championEarnings).toBeGreaterThan(0n)
  })

  it('behavior: settlements are added once each, not again on later reads', () => {
    const { data, running } = setup()
    pushBlocks(data, 2, 20)
    running.read()
    pushBlocks(data, 21, 21)
    running.read()
    const keys = running.read().settlements.map((row) => row.claimKey)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys.length).toBe(data.getEvents({ contract: 'Settlement' }).length)
  })

  it('behavior: a reorg that re-indexes the same blocks differently is followed by a re-scan', () => {
    const { data, registry, running } = setup()
    pushBlocks(data, 2, 30)
    running.read()
    data.rewindTo(24n)
    pushBlocks(data, 25, 32, 1)
    expect(running.read()).toEqual(scanAggregates(data, registry))
  })

  it('behavior: events dropped by a reorg with nothing re-published in their blocks are not counted', () => {
    const { data, registry, running } = setup()
    pushBlocks(data, 2, 30)
    running.read()
    pushBlocks(data, 31, 34)
    // Blocks 27–34 vanish before any read; the next events indexed lie after them.
    data.rewindTo(26n)
    data.push(...syntheticBlock(40, 2))
    expect(running.read()).toEqual(scanAggregates(data, registry))
    data.rewindTo(26n)
    expect(running.read()).toEqual(scanAggregates(data, registry))
  })
})
