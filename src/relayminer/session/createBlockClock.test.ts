import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { createBlockClock } from './createBlockClock.ts'

const logger = pino({ level: 'silent' })

describe('createBlockClock', () => {
  it('behavior: new heights reach the listeners in order; heights seen while busy coalesce into the newest', async () => {
    let height = 1n
    const seen: bigint[] = []
    let release: () => void = () => undefined
    const clock = createBlockClock({
      ledger: { getBlockNumber: async () => height },
      logger,
      pollIntervalMs: 60_000,
    })
    clock.onBlock(async (h) => {
      seen.push(h)
      if (h === 1n) await new Promise<void>((resolve) => (release = resolve))
    })
    await clock.poll()
    height = 2n
    await clock.poll()
    height = 3n
    await clock.poll()
    release()
    await clock.idle()
    expect(seen).toEqual([1n, 3n])
    expect(clock.height).toBe(3n)
  })

  it('behavior: the height is stale once polling has failed for longer than maxAgeMs', async () => {
    let nowMs = 0
    let isDown = false
    const clock = createBlockClock({
      ledger: { getBlockNumber: async () => (isDown ? Promise.reject(new Error('down')) : 5n) },
      logger,
      pollIntervalMs: 1_000,
      maxAgeMs: 5_000,
      nowMs: () => nowMs,
    })
    expect(clock.isFresh()).toBe(false)
    await clock.poll()
    expect(clock.isFresh()).toBe(true)
    isDown = true
    nowMs = 6_000
    await expect(clock.poll()).rejects.toThrow('down')
    expect(clock.isFresh()).toBe(false)
  })
})
