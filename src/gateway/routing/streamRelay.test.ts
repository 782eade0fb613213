import { afterEach, describe, expect, it } from 'vitest'
import { chatText, postJson, readSseData } from '../testing/requestGateway.ts'
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
const chat = { model: 'llama-tiny', messages: [{ role: 'user', content: 'hello' }], stream: true }
const unbroken = 'w0 w1 w2 w3 w4 w5'

describe('streaming relays', () => {
  it('default: chunks flow under one gateway id, then [DONE]; the trailer verifies', async () => {
    const { gateway, key } = await setup()
    const events = await readSseData(await postJson(gateway, '/v1/chat/completions', chat, { key }))
    expect(events.at(-1)).toBe('[DONE]')
    expect(chatText(events)).toBe(unbroken)
    const ids = new Set(events.filter((e) => e !== '[DONE]').map((e) => (e as { id: string }).id))
    expect(ids.size).toBe(1)
    // usage was not asked for: the supplier's usage chunk is not forwarded
    expect(events.some((e) => e !== '[DONE]' && 'usage' in e && e.usage)).toBe(false)
    expect(gateway.keyStore!.list()[0]!.usage).toMatchObject({ requests: 1, outputTokens: 6 })
  })

  it('behavior: include_usage adds the usage chunk last, before [DONE]', async () => {
    const { gateway, key } = await setup()
    const body = { ...chat, stream_options: { include_usage: true } }
    const events = await readSseData(await postJson(gateway, '/v1/chat/completions', body, { key }))
    expect(events.at(-2)).toMatchObject({ choices: [], usage: { completion_tokens: 6 } })
  })

  it('behavior: a stream cut mid-way continues on another supplier; the client sees one uninterrupted stream', async () => {
    const { gateway, net, key } = await setup({ behaviors: [{ breakAfterChunks: 3 }, {}, {}] })
    const events = await readSseData(await postJson(gateway, '/v1/chat/completions', chat, { key }))
    expect(chatText(events)).toBe(unbroken)
    expect(events.at(-1)).toBe('[DONE]')
    const ids = new Set(events.filter((e) => e !== '[DONE]').map((e) => (e as { id: string }).id))
    expect(ids.size).toBe(1)
    const resumed = net.suppliers.flatMap((s) => s.received).find((r) => r.payload.path === '/v1/completions')
    expect(resumed?.payload.body).toMatchObject({ prompt: 'user: hello\nassistant: w0 w1', stream: true })
    expect(
      await gateway.metrics.registry.getSingleMetricAsString('decai_gateway_stream_continuations_total'),
    ).toContain('outcome="resumed"} 1')
  })

  it('behavior: an error event mid-stream is resumed too, and usage is the client view', async () => {
    const { gateway, key } = await setup({
      behaviors: [{ errorEventAfterChunks: 2 }, { errorEventAfterChunks: 1 }, {}],
    })
    const body = { ...chat, stream_options: { include_usage: true } }
    const events = await readSseData(await postJson(gateway, '/v1/chat/completions', body, { key }))
    expect(chatText(events)).toBe(unbroken)
    expect(events.at(-2)).toMatchObject({ usage: { completion_tokens: 6 } })
  })

  it('error: when no supplier can continue, the stream ends with an error event and no [DONE]', async () => {
    const breaking = { breakAfterChunks: 2 }
    const { gateway, key } = await setup({
      behaviors: [breaking, breaking, breaking],
      config: 'routing: { maxContinuations: 1 }',
    })
    const events = await readSseData(await postJson(gateway, '/v1/chat/completions', chat, { key }))
    expect(events).not.toContain('[DONE]')
    expect(events.at(-1)).toMatchObject({ error: { code: 'stream_interrupted', type: 'server_error' } })
  })

  it('behavior: a failure before the first chunk is retried on another supplier, invisibly', async () => {
    const failing = { failWith: { status: 503, code: 'RELAYMINER_BACKEND_BUSY' } }
    const { gateway, net, key } = await setup({ behaviors: [failing, {}, {}] })
    const events = await readSseData(await postJson(gateway, '/v1/chat/completions', chat, { key }))
    expect(chatText(events)).toBe(unbroken)
    expect(net.suppliers[0]!.received.length).toBe(1)
    expect(gateway.scores.score(net.suppliers[0]!.operator)).toBeLessThan(
      gateway.scores.score(net.suppliers[1]!.operator),
    )
  })

  it('behavior: a slow first chunk is hedged; the faster supplier wins and the slow one is aborted', async () => {
    const { gateway, net, key } = await setup({
      behaviors: [{ firstByteDelayMs: 5_000 }, {}, {}],
      config: 'routing: { hedgeDelay: 20ms }',
    })
    const events = await readSseData(await postJson(gateway, '/v1/chat/completions', chat, { key }))
    expect(chatText(events)).toBe(unbroken)
    expect(net.suppliers[0]!.received.length).toBe(1)
    expect(net.suppliers.slice(1).reduce((n, s) => n + s.received.length, 0)).toBe(1)
    const attempts = await gateway.metrics.registry.getSingleMetricAsString(
      'decai_gateway_relay_attempts_total',
    )
    expect(attempts).toContain('kind="hedge",outcome="success"} 1')
    expect(attempts).toContain('kind="first",outcome="aborted"} 1')
    // Outrun by the hedge: the silent supplier loses standing, so the next request prefers the others.
    const idle = net.suppliers.slice(1).find((s) => s.received.length === 0)!
    expect(gateway.scores.score(net.suppliers[0]!.operator)).toBeLessThan(gateway.scores.score(idle.operator))
  })

  it('behavior: a client that leaves before the first chunk aborts the supplier attempt; 499, logged at info', async () => {
    const { gateway, net, key } = await setup({
      behaviors: [{ firstByteDelayMs: 5_000 }, {}, {}],
      config: 'routing: { hedgeDelay: 0 }',
    })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 30)
    const response = await gateway.app.request('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(chat),
      signal: controller.signal,
    })
    expect(response.status).toBe(499)
    expect(net.suppliers[0]!.received).toHaveLength(1)
    expect(
      await gateway.metrics.registry.getSingleMetricAsString('decai_gateway_relay_attempts_total'),
    ).toContain('kind="first",outcome="aborted"} 1')
  })

  it('behavior: a stream whose trailer does not verify is delivered, and its supplier loses its integrity score', async () => {
    const { gateway, net, key } = await setup({ behaviors: [{ tamper: 'payload' }, {}, {}] })
    const events = await readSseData(await postJson(gateway, '/v1/chat/completions', chat, { key }))
    expect(chatText(events)).toBe(unbroken)
    expect(gateway.scores.score(net.suppliers[0]!.operator)).toBeLessThan(1)
    // the request counts; the ledger's cost counts verified relays only
    expect(gateway.keyStore!.list()[0]!.usage).toMatchObject({ requests: 1, costBaseUnits: 0 })
  })

  it('behavior: legacy completions stream and resume too', async () => {
    const { gateway, key } = await setup({ behaviors: [{ breakAfterChunks: 2 }, {}, {}] })
    const body = { model: 'llama-tiny', prompt: 'Once', stream: true }
    const events = await readSseData(await postJson(gateway, '/v1/completions', body, { key }))
    const text = events
      .filter((e): e is Record<string, unknown> => e !== '[DONE]')
      .flatMap((e) => e.choices as Array<{ text?: string }>)
      .map((c) => c.text ?? '')
      .join('')
    expect(text).toBe(' w0 w1 w2 w3 w4 w5')
    expect(events.at(-1)).toBe('[DONE]')
  })
})
