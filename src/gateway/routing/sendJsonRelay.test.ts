import { afterEach, describe, expect, it } from 'vitest'
import { postJson } from '../testing/requestGateway.ts'
import { type FakeGateway, startFakeGateway } from '../testing/startFakeGateway.ts'

let current: FakeGateway | undefined
afterEach(async () => {
  await current?.gateway.stop()
  current = undefined
})

async function setup(options: Parameters<typeof startFakeGateway>[0] = {}) {
  current = await startFakeGateway(options)
  const { key } = await current.gateway.keyStore!.create({ name: 'test' })
  return { ...current, key }
}
const chat = { model: 'llama-tiny', messages: [{ role: 'user', content: 'hello' }] }

describe('non-streaming relays', () => {
  it('default: the verified answer comes back with the client model name and a gateway id; usage is ledgered', async () => {
    const { gateway, key } = await setup()
    const response = await postJson(
      gateway,
      '/v1/chat/completions',
      { ...chat, model: 'gpt-4o-mini' },
      { key },
    )
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      id: string
      model: string
      choices: [{ message: { content: string } }]
    }
    expect(body.model).toBe('gpt-4o-mini')
    expect(body.id).toMatch(/^chatcmpl-/)
    expect(body.choices[0].message.content).toBe('w0 w1 w2 w3 w4 w5')
    // cost = (100 + 1·in + 3·out) CU × 1/10 base unit per CU
    expect(gateway.keyStore!.list()[0]!.usage).toMatchObject({
      requests: 1,
      inputTokens: 1,
      outputTokens: 6,
      costBaseUnits: 11.9,
    })
  })

  it.each([
    ['a forged signature', { tamper: 'signature' as const }],
    ['a wrong request hash', { tamper: 'request-hash' as const }],
    ['usage different from the body', { tamper: 'usage' as const }],
  ])(
    'behavior: %s fails verification; the gateway retries elsewhere and zeroes that supplier',
    async (_name, behavior) => {
      const { gateway, net, key } = await setup({ behaviors: [behavior, {}, {}] })
      const response = await postJson(gateway, '/v1/chat/completions', chat, { key })
      expect(response.status).toBe(200)
      expect(net.suppliers[0]!.received.length).toBe(1)
      expect(gateway.scores.score(net.suppliers[0]!.operator)).toBeLessThan(1)
      expect(await gateway.metrics.registry.getSingleMetricAsString('decai_gateway_errors_total')).toContain(
        'class="integrity"} 1',
      )
    },
  )

  it('error: a request no model can serve is not retried and maps to OpenAI context_length_exceeded', async () => {
    const overflow = { failWith: { status: 400, code: 'INFERENCE_CONTEXT_OVERFLOW', fault: 'client' } }
    const { gateway, net, key } = await setup({ behaviors: [overflow, overflow, overflow] })
    const response = await postJson(gateway, '/v1/chat/completions', chat, { key })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: { code: 'context_length_exceeded', param: 'messages' },
    })
    expect(net.transport.calls).toBe(1)
  })

  it('error: when every attempt fails → 502 upstream_error after maxAttempts', async () => {
    const down = { failWith: { status: 500, code: 'RELAYMINER_BACKEND_FAILED' } }
    const { gateway, net, key } = await setup({ suppliers: 4, behaviors: [down, down, down, down] })
    const response = await postJson(gateway, '/v1/chat/completions', chat, { key })
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ error: { type: 'server_error', code: 'upstream_error' } })
    expect(net.transport.calls).toBe(3)
  })

  it('behavior: a supplier that has not seen the new session yet is served the previous one', async () => {
    // height 32 is session 4's second block: the gateway prefers session 4; supplier 0 lags 2 blocks
    const { gateway, net, key } = await setup({ suppliers: 1, height: 32n, supplierLags: [2] })
    const response = await postJson(gateway, '/v1/chat/completions', chat, { key })
    expect(response.status).toBe(200)
    const sessions = net.suppliers[0]!.received.map(
      (r) => (r.request.session as { sessionStartHeight: string }).sessionStartHeight,
    )
    expect(sessions).toEqual(['31', '21'])
  })

  it('behavior: after a session refusal the previous session is tried next, not the same session elsewhere', async () => {
    const { gateway, net, key } = await setup({
      height: 32n,
      supplierLags: [2, 2, 2],
      config: 'routing: { maxAttempts: 1 }',
    })
    const response = await postJson(gateway, '/v1/chat/completions', chat, { key })
    expect(response.status).toBe(200) // a session refusal does not use up the single attempt
    expect(net.transport.calls).toBe(2)
  })

  it('behavior: session rollover under load causes no errors', async () => {
    let seed = 1
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    const { gateway, net, key } = await setup({ height: 25n, supplierLags: [0, 1, 2], random })
    const statuses: number[] = []
    for (let height = 25n; height <= 46n; height++) {
      net.sessionSource.setHeight(height)
      gateway.router.sessions.onHeight(height)
      const batch = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          postJson(gateway, '/v1/chat/completions', i % 2 ? chat : { ...chat, stream: true }, { key }).then(
            async (r) => {
              const text = await r.text()
              return r.status === 200 && !text.includes('"error"') ? 200 : r.status
            },
          ),
        ),
      )
      statuses.push(...batch)
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([])
    expect(statuses.length).toBe(22 * 6)
    // the lagging suppliers did refuse sessions they had not seen yet: those retries were invisible
    expect(await gateway.metrics.registry.getSingleMetricAsString('decai_gateway_errors_total')).toMatch(
      /class="session"} [1-9]/,
    )
  })
})
