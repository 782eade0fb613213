import { describe, expect, it } from 'vitest'
import type { ServedVia } from '../testing/serveGateway.ts'
import { useServedFakeGateway } from '../testing/useServedFakeGateway.ts'

const servedVia: ServedVia[] = ['listener', 'hono']
const start = useServedFakeGateway()

describe.each(servedVia)('createClientSignal on Node’s server, via %s', (via) => {
  it('behavior: a client that disconnects before its answer aborts the supplier attempt', async () => {
    const fake = await start(via, {
      behaviors: [{ firstByteDelayMs: 5_000 }, {}, {}],
      config: 'routing: { hedgeDelay: 0 }',
    })
    const { key } = fake
    const controller = new AbortController()
    const sent = fetch(`${fake.served.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'llama-tiny',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      }),
      signal: controller.signal,
    })
    // Leave once the supplier has the relay.
    while (fake.net.suppliers[0]!.received.length === 0)
      await new Promise((resolve) => setTimeout(resolve, 5))
    controller.abort()
    await expect(sent).rejects.toThrow()
    const attempts = () =>
      fake.gateway.metrics.registry.getSingleMetricAsString('decai_gateway_relay_attempts_total')
    while (!(await attempts()).includes('outcome="aborted"'))
      await new Promise((resolve) => setTimeout(resolve, 5))
    expect(await attempts()).toContain('kind="first",outcome="aborted"} 1')
    expect(
      await fake.gateway.metrics.registry.getSingleMetricAsString('decai_gateway_errors_total'),
    ).toContain('class="client_gone"')
  })
})
