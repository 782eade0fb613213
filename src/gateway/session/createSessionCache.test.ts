import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { createFakeNetwork } from '../testing/createFakeNetwork.ts'
import { createSessionCache } from './createSessionCache.ts'

const logger = pino({ level: 'silent' })

function setup(height: bigint, switchDelayBlocks = 1) {
  const net = createFakeNetwork({ height })
  const cache = createSessionCache({
    source: net.sessionSource,
    ledgerInfo: net.ledgerInfo,
    switchDelayBlocks,
    logger,
  })
  const key = { application: net.application, serviceId: net.serviceId, signer: net.application }
  return { net, cache, key }
}
const numbers = (sessions: { sessionNumber: bigint }[]) => sessions.map((s) => s.sessionNumber)

describe('createSessionCache', () => {
  // Sessions are 10 blocks from height 1: session 3 is [21, 30], accepted through 32 (grace 2).
  it('default: the current session is read once and then served from the cache', async () => {
    const { net, cache, key } = setup(25n)
    expect(numbers(await cache.usable(key))).toEqual([3n])
    const reads = net.sessionSource.sessionReads // 3, and 2 in case it was still in its grace period
    expect(numbers(await cache.usable(key))).toEqual([3n])
    expect(numbers(await cache.usable(key))).toEqual([3n])
    expect(net.sessionSource.sessionReads).toBe(reads)
  })

  it('behavior: a new session is prefetched on its first block, used one block later, the old one kept through its grace', async () => {
    const { net, cache, key } = setup(29n)
    await cache.usable(key)
    net.sessionSource.setHeight(31n)
    cache.onHeight(31n) // first block of session 4: prefetch
    await new Promise((resolve) => setImmediate(resolve))
    expect(numbers(await cache.usable(key))).toEqual([3n, 4n]) // not yet switched: lagging suppliers
    cache.onHeight(32n)
    expect(numbers(await cache.usable(key))).toEqual([4n, 3n]) // switched; 3 still in grace (≤ 32)
    cache.onHeight(33n)
    expect(numbers(await cache.usable(key))).toEqual([4n]) // 3's grace is over
  })

  it('behavior: a failed read is retried on the next request', async () => {
    const { net, cache, key } = setup(25n)
    const original = net.sessionSource.getSession
    let failures = 3
    net.sessionSource.getSession = async (parameters) => {
      if (failures-- > 0) throw new Error('rpc down')
      return original(parameters)
    }
    await expect(cache.usable(key)).rejects.toMatchObject({ code: 'GATEWAY_CHAIN_UNAVAILABLE' })
    expect(numbers(await cache.usable(key))).toContain(3n)
  })
})
