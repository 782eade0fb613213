import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { createTestNetwork } from '../testing/createTestNetwork.ts'
import { createSessionCache } from './createSessionCache.ts'

const logger = pino({ level: 'silent' })

describe('createSessionCache', () => {
  it('behavior: one ledger read per session, shared by concurrent callers, evicted after the grace period', async () => {
    const network = createTestNetwork()
    const cache = createSessionCache({ ledger: network.ledger, logger })
    const query = {
      application: network.addresses.application,
      serviceId: network.serviceId,
      sessionNumber: 1n,
      supplier: network.addresses.supplier,
    }
    const [a, b] = await Promise.all([cache.get(query), cache.get(query)])
    expect(a).toBe(b)
    expect(network.ledger.calls.filter((call) => call === 'getSession')).toHaveLength(1)
    cache.onBlock(a.timeline.graceEndHeight + 1n)
    expect(cache.size).toBe(1) // the next session, prefetched because this one was in use
  })

  it('behavior: the next session of a session in use is read as soon as it starts', async () => {
    const network = createTestNetwork()
    const cache = createSessionCache({ ledger: network.ledger, logger })
    const query = {
      application: network.addresses.application,
      serviceId: network.serviceId,
      sessionNumber: 1n,
      supplier: network.addresses.supplier,
    }
    const session = await cache.get(query)
    network.ledger.height = session.timeline.endHeight + 1n
    cache.onBlock(network.ledger.height)
    await new Promise((resolve) => setImmediate(resolve))
    const calls = network.ledger.calls.length
    await cache.get({ ...query, sessionNumber: 2n })
    expect(network.ledger.calls.length).toBe(calls)
  })

  it('error: a failed read is RELAYMINER_CHAIN_UNAVAILABLE and is retried only after the failure TTL', async () => {
    const network = createTestNetwork()
    let nowMs = 0
    const cache = createSessionCache({
      ledger: network.ledger,
      logger,
      failureTtlMs: 1_000,
      nowMs: () => nowMs,
    })
    const query = {
      application: network.addresses.application,
      serviceId: network.serviceId,
      sessionNumber: 1n,
      supplier: network.addresses.supplier,
    }
    network.ledger.isUnavailable = true
    await expect(cache.get(query)).rejects.toMatchObject({ code: 'RELAYMINER_CHAIN_UNAVAILABLE' })
    network.ledger.isUnavailable = false
    await expect(cache.get(query)).rejects.toMatchObject({ code: 'RELAYMINER_CHAIN_UNAVAILABLE' })
    nowMs = 1_000
    await expect(cache.get(query)).resolves.toMatchObject({ sessionNumber: 1n })
  })
})
