import { afterEach, describe, expect, it } from 'vitest'
import type { WatcherVerdict } from './ports.ts'
import { postJson } from './testing/requestGateway.ts'
import { type FakeGateway, startFakeGateway } from './testing/startFakeGateway.ts'

let current: FakeGateway | undefined
afterEach(async () => {
  await current?.gateway.stop()
  current = undefined
})

describe('createGateway', () => {
  it('behavior: a failing watcher verdict keeps a supplier out of rotation; a passing one does not', async () => {
    const listeners: Array<(verdict: WatcherVerdict) => void> = []
    const verdicts = {
      subscribe(listener: (verdict: WatcherVerdict) => void) {
        listeners.push(listener)
        return () => undefined
      },
    }
    current = await startFakeGateway({ verdicts })
    const { gateway, net } = current
    const { key } = await gateway.keyStore!.create({ name: 'test' })
    const [banned, ...others] = net.suppliers
    for (const listener of listeners) {
      listener({
        supplier: banned!.operator,
        serviceId: 'llama-tiny',
        outcome: 'fail',
        reason: 'wrong model',
      })
      listener({ supplier: others[0]!.operator, serviceId: 'llama-tiny', outcome: 'pass' })
    }
    for (let i = 0; i < 10; i++) {
      const response = await postJson(
        gateway,
        '/v1/chat/completions',
        { model: 'llama-tiny', messages: [{ role: 'user', content: 'hi' }] },
        { key },
      )
      expect(response.status).toBe(200)
    }
    expect(banned!.received).toHaveLength(0)
    expect(gateway.scores.standing(banned!.operator)).toMatchObject({ score: 0, isQuarantined: true })
    expect(await gateway.metrics.registry.getSingleMetricAsString('decai_gateway_supplier_score')).toContain(
      'quarantined="true"} 0',
    )
  })
})
