import OpenAI from 'openai'
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
  const { key, record } = await current.gateway.keyStore!.create({ name: 'test' })
  return { ...current, key, record }
}
const chat = { model: 'llama-tiny', messages: [{ role: 'user', content: 'hello' }] }

function openaiFor(gateway: FakeGateway['gateway'], apiKey: string): OpenAI {
  return new OpenAI({
    apiKey,
    baseURL: 'http://gateway.test/v1',
    maxRetries: 0,
    fetch: async (input, init) => gateway.app.fetch(new Request(input as string, init as RequestInit)),
  })
}

describe('OpenAI-compatible API', () => {
  it('default: the official openai SDK streams a chat, with usage', async () => {
    const { gateway, key } = await setup()
    const stream = await openaiFor(gateway, key).chat.completions.create({
      ...chat,
      messages: [{ role: 'user', content: 'hello' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let usage: OpenAI.CompletionUsage | null | undefined
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? ''
      usage = chunk.usage ?? usage
    }
    expect(text).toBe('w0 w1 w2 w3 w4 w5')
    expect(usage?.completion_tokens).toBe(6)
  })

  it('behavior: the openai SDK non-streaming chat, completions and embeddings work; tools pass through', async () => {
    const { gateway, net, key } = await setup()
    const client = openaiFor(gateway, key)
    const tools = [
      { type: 'function' as const, function: { name: 'f', parameters: { type: 'object', properties: {} } } },
    ]
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello' }],
      tools,
      response_format: { type: 'json_object' },
      logprobs: true,
      top_logprobs: 2,
    })
    expect(completion.model).toBe('gpt-4o-mini')
    expect(net.suppliers.flatMap((s) => s.received).at(-1)?.payload.body).toMatchObject({
      model: 'llama-tiny',
      tools,
      response_format: { type: 'json_object' },
      logprobs: true,
      top_logprobs: 2,
    })
    const legacy = await client.completions.create({ model: 'llama-tiny', prompt: 'Once' })
    expect(legacy.choices[0]?.text).toBe(' w0 w1 w2 w3 w4 w5')
    const embeddings = await client.embeddings.create({ model: 'llama-tiny', input: 'hello' })
    expect(embeddings.data[0]?.embedding).toHaveLength(2)
  })

  it('behavior: the Vercel AI SDK OpenAI-compatible provider streams text through the gateway', async () => {
    const { gateway, key } = await setup()
    const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible')
    const { streamText } = await import('ai')
    const provider = createOpenAICompatible({
      name: 'decai',
      baseURL: 'http://gateway.test/v1',
      apiKey: key,
      fetch: async (input, init) => gateway.app.fetch(new Request(input as string, init as RequestInit)),
    })
    const result = streamText({ model: provider('llama-tiny'), prompt: 'hello' })
    let text = ''
    for await (const part of result.textStream) text += part
    expect(text).toBe('w0 w1 w2 w3 w4 w5')
  })

  it('behavior: GET /v1/models lists services and aliases with champion, pricing and artifact', async () => {
    const { gateway, key } = await setup()
    const models = await openaiFor(gateway, key).models.list()
    const ids = models.data.map((model) => model.id).sort()
    expect(ids).toEqual(['gpt-4o-mini', 'llama-tiny'])
    const response = await gateway.app.request('/v1/models/llama-tiny', {
      headers: { authorization: `Bearer ${key}` },
    })
    expect(await response.json()).toMatchObject({
      id: 'llama-tiny',
      decai: {
        champion: `0x${'cc'.repeat(20)}`,
        pricing: { cuPerRequest: '100' },
        artifact: { uris: ['ipfs://fake'] },
      },
    })
  })

  it('behavior: /healthz and /metrics need no key', async () => {
    const { gateway } = await setup()
    expect((await gateway.app.request('/healthz')).status).toBe(200)
    const metrics = await (await gateway.app.request('/metrics')).text()
    expect(metrics).toContain('decai_gateway_requests_total')
  })
})

describe('errors are OpenAI error objects', () => {
  it.each([
    ['a missing key', undefined, 401, 'invalid_api_key'],
    ['an unknown key', 'dk-nope', 401, 'invalid_api_key'],
  ])('error: %s → 401', async (_name, key, status, code) => {
    const { gateway } = await setup()
    const response = await postJson(gateway, '/v1/chat/completions', chat, key ? { key } : {})
    expect(response.status).toBe(status)
    expect(await response.json()).toMatchObject({ error: { code, type: 'invalid_request_error' } })
  })

  it('error: a revoked key stops working at once → 401', async () => {
    const { gateway, key, record } = await setup()
    expect((await postJson(gateway, '/v1/chat/completions', chat, { key })).status).toBe(200)
    await gateway.keyStore!.revoke(record.id)
    const response = await postJson(gateway, '/v1/chat/completions', chat, { key })
    expect(response.status).toBe(401)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('revoked')
  })

  it.each([
    ['malformed JSON', '{"model": ', 400, { param: null, type: 'invalid_request_error' }],
    ['a missing model', { messages: chat.messages }, 400, { param: 'model' }],
    ['an unknown model', { ...chat, model: 'gpt-5' }, 404, { code: 'model_not_found' }],
    ['an invalid field', { ...chat, temperature: 3 }, 400, { param: 'temperature' }],
    ['empty messages', { ...chat, messages: [] }, 400, { param: 'messages' }],
    ['max_tokens above the limit', { ...chat, max_tokens: 1_000_000 }, 400, { param: 'max_tokens' }],
    ['a body that is not an object', '[1, 2]', 400, { param: null }],
  ])('error: %s', async (_name, body, status, error) => {
    const { gateway, net, key } = await setup()
    const response = await postJson(gateway, '/v1/chat/completions', body, { key })
    expect(response.status).toBe(status)
    expect(await response.json()).toMatchObject({ error })
    expect(net.transport.calls).toBe(0)
  })

  it('error: an oversize body → 413 before it is parsed', async () => {
    const { gateway, net, key } = await setup({ config: 'server: { maxBodyBytes: 1KiB }' })
    const big = { ...chat, messages: [{ role: 'user', content: 'x'.repeat(2_000) }] }
    const response = await postJson(gateway, '/v1/chat/completions', big, { key })
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: { code: 'request_too_large' } })
    expect(net.transport.calls).toBe(0)
  })

  it('error: an unknown path → 400 OpenAI error', async () => {
    const { gateway, key } = await setup()
    const response = await postJson(gateway, '/v1/images/generations', {}, { key })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } })
  })

  it('error: the requests-per-minute limit → 429 with Retry-After; the openai SDK sees a RateLimitError', async () => {
    const { gateway } = await setup()
    const { key } = await gateway.keyStore!.create({ name: 'slow', requestsPerMinute: 2 })
    expect((await postJson(gateway, '/v1/chat/completions', chat, { key })).status).toBe(200)
    expect((await postJson(gateway, '/v1/chat/completions', chat, { key })).status).toBe(200)
    const response = await postJson(gateway, '/v1/chat/completions', chat, { key })
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await response.json()).toMatchObject({ error: { code: 'rate_limit_exceeded', type: 'requests' } })
    await expect(
      openaiFor(gateway, key).chat.completions.create({
        ...chat,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.RateLimitError)
  })

  it('error: the tokens-per-minute limit → 429 tokens', async () => {
    const { gateway } = await setup()
    const { key } = await gateway.keyStore!.create({ name: 'few tokens', tokensPerMinute: 5 })
    expect((await postJson(gateway, '/v1/chat/completions', chat, { key })).status).toBe(200) // uses 7 tokens
    const response = await postJson(gateway, '/v1/chat/completions', chat, { key })
    expect(response.status).toBe(429)
    expect(await response.json()).toMatchObject({ error: { code: 'rate_limit_exceeded', type: 'tokens' } })
  })

  it('error: an exhausted budget → 429 insufficient_quota', async () => {
    const { gateway } = await setup()
    const { key } = await gateway.keyStore!.create({ name: 'budget', budgetBaseUnits: 10 })
    expect((await postJson(gateway, '/v1/chat/completions', chat, { key })).status).toBe(200) // costs 11.9
    const response = await postJson(gateway, '/v1/chat/completions', chat, { key })
    expect(response.status).toBe(429)
    expect(await response.json()).toMatchObject({
      error: { code: 'insufficient_quota', type: 'insufficient_quota' },
    })
  })

  it('error: no supplier answers → 502 before any byte, for streams too', async () => {
    const down = { failWith: { status: 503, code: 'RELAYMINER_BACKEND_FAILED' } }
    const { gateway, key } = await setup({ behaviors: [down, down, down] })
    const response = await postJson(gateway, '/v1/chat/completions', { ...chat, stream: true }, { key })
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ error: { code: 'upstream_error' } })
  })
})
