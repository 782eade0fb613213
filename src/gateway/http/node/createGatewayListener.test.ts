import { once } from 'node:events'
import { type IncomingMessage, request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { type ServedVia, serveGateway } from '../../testing/serveGateway.ts'
import { type FakeGateway, startFakeGateway } from '../../testing/startFakeGateway.ts'

type KeyName = 'good' | 'revoked' | 'slow' | 'poor'
type Served = FakeGateway & { url: string; close(): Promise<void>; keys: Record<KeyName, string> }
let running: Served[] = []
afterEach(async () => {
  for (const served of running) {
    await served.close()
    await served.gateway.stop()
  }
  running = []
})

/** The same gateway setup twice: one served by its Node listener, one by the Hono app alone. */
async function setupBoth(options: Parameters<typeof startFakeGateway>[0] = {}) {
  const start = async (via: ServedVia): Promise<Served> => {
    const fake = await startFakeGateway({ config: 'server: { maxBodyBytes: 2KiB }', ...options })
    const served = await serveGateway(fake.gateway, via)
    const store = fake.gateway.keyStore!
    const keys = {
      good: (await store.create({ name: 'good' })).key,
      revoked: await revokedKey(fake),
      slow: (await store.create({ name: 'slow', requestsPerMinute: 1 })).key,
      poor: (await store.create({ name: 'poor', budgetBaseUnits: 1 })).key,
    }
    const entry = { ...fake, ...served, keys }
    running.push(entry)
    return entry
  }
  return { node: await start('listener'), hono: await start('hono') }
}

async function revokedKey(fake: FakeGateway): Promise<string> {
  const { key, record } = await fake.gateway.keyStore!.create({ name: 'revoked' })
  await fake.gateway.keyStore!.revoke(record.id)
  return key
}

type Exchange = { path?: string; key?: keyof Served['keys'] | 'unknown'; body: string; chunked?: boolean }
type Answer = { status: number; headers: Record<string, string | string[] | undefined>; text: string }

async function send(served: Served, exchange: Exchange): Promise<Answer> {
  const key = exchange.key === 'unknown' ? 'dk-nope' : exchange.key && served.keys[exchange.key]
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': 'req-1' }
  if (key) headers.authorization = `Bearer ${key}`
  if (!exchange.chunked) headers['content-length'] = String(Buffer.byteLength(exchange.body))
  const url = `${served.url}${exchange.path ?? '/v1/chat/completions'}`
  const outgoing = request(url, { method: 'POST', headers })
  // Chunked: the body goes in two writes, so a size limit is met while reading, not from a header.
  if (exchange.chunked) outgoing.write(exchange.body.slice(0, 100))
  outgoing.end(exchange.chunked ? exchange.body.slice(100) : exchange.body)
  const [incoming] = (await once(outgoing, 'response')) as [IncomingMessage]
  let text = ''
  for await (const part of incoming.setEncoding('utf8')) text += part
  return { status: incoming.statusCode ?? 0, headers: incoming.headers, text }
}

// What a client relies on: status, content type, the request id and Retry-After headers, and the body
// (an error object exactly; a stream's events and a completion's fields with their times left out).
function comparable(answer: Answer) {
  const { status, headers, text } = answer
  const isStream = String(headers['content-type']).startsWith('text/event-stream')
  return {
    status,
    type: String(headers['content-type']).split(';')[0],
    requestId: headers['x-request-id'],
    retryAfter: headers['retry-after'] === undefined ? undefined : 'set',
    body: isStream ? eventsOf(text) : withoutTimes(JSON.parse(text)),
  }
}

function eventsOf(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length))
    .map((data) => (data === '[DONE]' ? data : withoutTimes(JSON.parse(data))))
}

function withoutTimes(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const { created: _created, ...rest } = value as Record<string, unknown>
  return rest
}

const chat = { model: 'llama-tiny', messages: [{ role: 'user', content: 'hello' }], max_tokens: 4 }
const json = (body: unknown) => JSON.stringify(body)
const exchanges: Array<[string, Exchange]> = [
  ['a chat completion', { key: 'good', body: json(chat) }],
  [
    'a streamed chat with usage',
    { key: 'good', body: json({ ...chat, stream: true, stream_options: { include_usage: true } }) },
  ],
  [
    'a completion',
    { path: '/v1/completions', key: 'good', body: json({ model: 'llama-tiny', prompt: 'Once' }) },
  ],
  [
    'base64 embeddings',
    {
      path: '/v1/embeddings',
      key: 'good',
      body: json({ model: 'llama-tiny', input: 'hi', encoding_format: 'base64' }),
    },
  ],
  ['a query string', { path: '/v1/chat/completions?trace=1', key: 'good', body: json(chat) }],
  ['no key', { body: json(chat) }],
  ['an unknown key', { key: 'unknown', body: json(chat) }],
  ['a revoked key', { key: 'revoked', body: json(chat) }],
  ['malformed JSON', { key: 'good', body: '{"model": ' }],
  ['a body that is not an object', { key: 'good', body: '[1, 2]' }],
  ['an unknown model', { key: 'good', body: json({ ...chat, model: 'gpt-5' }) }],
  ['an invalid field', { key: 'good', body: json({ ...chat, temperature: 3 }) }],
  ['max_tokens above the limit', { key: 'good', body: json({ ...chat, max_tokens: 1_000_000 }) }],
  ['a declared oversize body', { key: 'good', body: json({ ...chat, padding: 'x'.repeat(4_000) }) }],
  [
    'a chunked oversize body',
    { key: 'good', body: json({ ...chat, padding: 'x'.repeat(4_000) }), chunked: true },
  ],
  ['an exhausted budget', { key: 'poor', body: json(chat) }],
  ['a spent budget', { key: 'poor', body: json(chat) }],
  ['within the rate limit', { key: 'slow', body: json(chat) }],
  ['above the rate limit', { key: 'slow', body: json(chat) }],
  ['an unknown path (Hono on both)', { path: '/v1/images/generations', key: 'good', body: json({}) }],
]

describe('the gateway’s Node listener against the Hono app', () => {
  it('behavior: answers every request exactly as the Hono app does, good and bad, in one sequence', async () => {
    const { node, hono } = await setupBoth()
    const seen = new Set<number>()
    for (const [name, exchange] of exchanges) {
      const expected = comparable(await send(hono, exchange))
      seen.add(expected.status)
      expect({ name, ...comparable(await send(node, exchange)) }).toEqual({ name, ...expected })
    }
    // The sequence covers what it claims to: answers, key, request and limit errors.
    expect([...seen].sort()).toEqual([200, 400, 401, 404, 413, 429])
    const metric = (served: Served, name: string) =>
      served.gateway.metrics.registry.getSingleMetricAsString(name)
    for (const name of [
      'decai_gateway_requests_total',
      'decai_gateway_errors_total',
      'decai_gateway_tokens_total',
    ])
      expect(await metric(node, name)).toBe(await metric(hono, name))
    for (const key of ['good', 'poor', 'slow'] as const) {
      const usage = (served: Served) => {
        const record = served.gateway.keyStore!.findByKey(served.keys[key])!
        const { lastUsedAtMs: _at, ...usage } = served.gateway.keyStore!.usage(record.id)
        return usage
      }
      expect(usage(node)).toEqual(usage(hono))
    }
    expect(node.gateway.keyStore!.usage(node.gateway.keyStore!.findByKey(node.keys.good)!.id).requests).toBe(
      5,
    )
  })

  it('error: an oversize body is not read; the connection is closed after the 413', async () => {
    const { node } = await setupBoth()
    const oversize = json({ ...chat, padding: 'x'.repeat(4_000) })
    for (const chunked of [false, true]) {
      const answer = await send(node, { key: 'good', body: oversize, chunked })
      expect({ status: answer.status, connection: answer.headers.connection }).toEqual({
        status: 413,
        connection: 'close',
      })
    }
    expect(node.net.transport.calls).toBe(0)
    expect((await send(node, { key: 'good', body: json(chat) })).status).toBe(200)
  })

  it('behavior: a client that leaves in the middle of its body is counted as gone, not as a server error', async () => {
    const { node } = await setupBoth()
    const outgoing = request(`${node.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${node.keys.good}`, 'content-type': 'application/json' },
    })
    outgoing.on('error', () => undefined)
    outgoing.write('{"model": "llama-tiny", "messages": [')
    await new Promise((resolve) => setTimeout(resolve, 50))
    outgoing.destroy()
    const errors = () => node.gateway.metrics.registry.getSingleMetricAsString('decai_gateway_errors_total')
    while (!(await errors()).includes('client_gone')) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(await errors()).not.toContain('INTERNAL')
    expect(node.net.transport.calls).toBe(0)
  })

  it('behavior: other methods and paths go to the Hono app', async () => {
    const { node } = await setupBoth()
    const models = await fetch(`${node.url}/v1/models`, {
      headers: { authorization: `Bearer ${node.keys.good}` },
    })
    expect(models.status).toBe(200)
    expect(((await models.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0)
    const wrongMethod = await fetch(`${node.url}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${node.keys.good}` },
    })
    expect(wrongMethod.status).toBe(400)
    expect((await fetch(`${node.url}/healthz`)).status).toBe(200)
  })
})
