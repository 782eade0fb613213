import { describe, expect, it } from 'vitest'
import type { Hex } from '../../../protocol/bytes/bytes.ts'
import { createMemoryDataSource, type MemoryDataSource } from '../../testing/createMemoryDataSource.ts'
import { pushSeededBlocks, type SeededKind } from '../../testing/pushSeededBlocks.ts'
import { createRunningApplications, scanApplications } from './createRunningApplications.ts'

const address = (n: number): Hex => `0x${n.toString(16).padStart(40, '0')}`

// A deterministic mix of every application event, for three applications and two gateways, plus an unrelated one.
const kindsOf = (seed: number): SeededKind[] => {
  const application = address(0x100 + (seed % 3))
  const gateway = address(0x200 + (seed % 2))
  return [
    ['Applications', 'ApplicationStaked', { application, serviceKey: address(seed % 2), stake: 10_000n }],
    ['Applications', 'StakeBurned', { application, amount: BigInt(seed) }],
    ['Applications', 'StakeBurned', { application, amount: 7n }],
    ['Applications', 'GatewayDelegated', { application, gateway }],
    ['Applications', 'GatewayUndelegated', { application, gateway }],
    ['Applications', 'ApplicationUnbondingStarted', { application }],
    ['Applications', 'ApplicationWithdrawn', { application, amount: 1n }],
    ['DecaiToken', 'Transfer', {}],
  ]
}

const pushBlocks = (data: MemoryDataSource, from: number, to: number, seedBase = 0) =>
  pushSeededBlocks(data, { from, to, seedBase }, kindsOf)

describe('createRunningApplications', () => {
  it('behavior: after every block the running folds equal a full scan', () => {
    const data = createMemoryDataSource()
    pushBlocks(data, 1, 5)
    const running = createRunningApplications(data)
    expect(running.read()).toEqual(scanApplications(data))
    for (let block = 6; block <= 60; block++) {
      pushBlocks(data, block, block)
      expect(running.read()).toEqual(scanApplications(data))
    }
    const folds = running.read()
    expect(folds.staked).toHaveLength(3)
    const all = [...folds.byApplication.values()]
    expect(all.some((fold) => fold.burned > 0n && fold.series.length > 5)).toBe(true)
    expect(all.some((fold) => fold.gateways.size > 0)).toBe(true)
    running.close()
  })

  it('behavior: after a reorg, re-published or only removing events, the folds equal a full scan', () => {
    const data = createMemoryDataSource()
    pushBlocks(data, 1, 30)
    const running = createRunningApplications(data)
    const seriesLength = () => running.read().byApplication.get(address(0x100))?.series.length ?? 0
    const before = seriesLength()
    data.rewindTo(24n)
    pushBlocks(data, 25, 32, 1)
    expect(running.read()).toEqual(scanApplications(data))
    // Nothing re-published after these blocks vanish: only the lost events tell.
    data.rewindTo(12n)
    expect(running.read()).toEqual(scanApplications(data))
    expect(seriesLength()).toBeLessThan(before)
    running.close()
  })
})
