import { describe, expect, it } from 'vitest'
import { createGatewayProbe } from './createGatewayProbe.ts'

function fakeGateway(bodies: string[]) {
  const urls: string[] = []
  const fetch = (async (url: URL) => {
    urls.push(String(url))
    const body = bodies.shift()
    return body === undefined ? new Response('down', { status: 503 }) : new Response(body)
  }) as unknown as typeof globalThis.fetch
  return { fetch, urls }
}

const metrics = (successes: number) =>
  [
    'decai_gateway_supplier_score{supplier="0xAA",quarantined="false"} 91',
    'decai_gateway_supplier_score{supplier="0xbb",quarantined="true"} 0',
    `decai_gateway_relay_attempts_total{kind="first",outcome="success"} ${successes}`,
    'decai_gateway_relay_attempts_total{kind="retry",outcome="success"} 2',
    'decai_gateway_relay_attempts_total{kind="first",outcome="failure"} 50',
  ].join('\n')

describe('createGatewayProbe', () => {
  it('default: without a URL it is not configured and never fetches', async () => {
    const gateway = fakeGateway([])
    const probe = createGatewayProbe({ url: undefined, fetch: gateway.fetch })
    await probe.refresh()
    expect(probe.status()).toEqual({ state: 'not-configured' })
    expect(probe.relaysPerSecond()).toBeNull()
    expect(gateway.urls).toEqual([])
  })

  it('behavior: scores by supplier and the success rate between two scrapes', async () => {
    let nowMs = 10_000
    const gateway = fakeGateway([metrics(10), metrics(40)])
    const probe = createGatewayProbe({ url: 'http://gw.test/base', fetch: gateway.fetch, now: () => nowMs })
    await probe.refresh()
    expect(probe.relaysPerSecond()).toBeNull()
    nowMs += 5_000
    await probe.refresh()
    probe.stop()
    expect(gateway.urls).toEqual(['http://gw.test/base/metrics', 'http://gw.test/base/metrics'])
    expect(probe.relaysPerSecond()).toBe(6)
    expect(probe.scores().get('0xaa')).toEqual({ score: 91, isQuarantined: false, isStale: false })
    expect(probe.scores().get('0xbb')).toEqual({ score: 0, isQuarantined: true, isStale: false })
    expect(probe.status()).toEqual({ state: 'ok', url: 'http://gw.test/base', fetchedAtMs: 15_000 })
  })

  it('behavior: a counter that went down (gateway restart) counts from zero', async () => {
    let nowMs = 0
    const gateway = fakeGateway([metrics(100), metrics(4)])
    const probe = createGatewayProbe({ url: 'http://gw.test', fetch: gateway.fetch, now: () => nowMs })
    await probe.refresh()
    nowMs = 2_000
    await probe.refresh()
    probe.stop()
    expect(probe.relaysPerSecond()).toBe(3)
  })

  it('error: an unreachable gateway is reported; the rate goes, the last scores stay flagged stale, the last fetch time stays', async () => {
    let nowMs = 5
    const gateway = fakeGateway([metrics(1), metrics(11)])
    const probe = createGatewayProbe({ url: 'http://gw.test', fetch: gateway.fetch, now: () => nowMs })
    await probe.refresh()
    nowMs = 1_005
    await probe.refresh()
    expect(probe.relaysPerSecond()).toBe(10)
    nowMs = 2_005
    await probe.refresh()
    probe.stop()
    expect(probe.status()).toEqual({
      state: 'unreachable',
      url: 'http://gw.test',
      error: 'The gateway API failed: GET /metrics answered 503.',
      fetchedAtMs: 1_005,
    })
    expect(probe.relaysPerSecond()).toBeNull()
    expect(probe.scores().get('0xaa')).toEqual({ score: 91, isQuarantined: false, isStale: true })
    expect(probe.scores().size).toBe(2)
  })

  it('behavior: after an outage the rate needs two good scrapes again, and scores are fresh at once', async () => {
    let nowMs = 0
    const bodies: (string | undefined)[] = [metrics(1), undefined, metrics(21), metrics(41)]
    const fetch = (async () => {
      const body = bodies.shift()
      return body === undefined ? new Response('down', { status: 503 }) : new Response(body)
    }) as unknown as typeof globalThis.fetch
    const probe = createGatewayProbe({ url: 'http://gw.test', fetch, now: () => nowMs })
    for (const atMs of [0, 1_000, 2_000]) {
      nowMs = atMs
      await probe.refresh()
    }
    expect(probe.relaysPerSecond()).toBeNull()
    expect(probe.scores().get('0xaa')?.isStale).toBe(false)
    nowMs = 4_000
    await probe.refresh()
    probe.stop()
    expect(probe.relaysPerSecond()).toBe(10)
  })
})
