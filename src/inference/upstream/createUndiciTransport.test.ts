import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUndiciTransport } from './createUndiciTransport.ts'
import { createUpstreamBackend } from './createUpstreamBackend.ts'
import { createDeadline } from './postUpstream.ts'
import { createFetchTransport } from './upstreamTransport.ts'

let server: Server
let url: string
let connections = 0
const held: ServerResponse[] = []
const usage = { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 }
const chunk = {
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta: { content: 'hi' }, logprobs: null, finish_reason: null }],
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (part: Buffer) => {
      body += part.toString()
    })
    request.on('end', () => {
      if (request.url === '/v1/broken') return void response.writeHead(500).end('upstream secret detail')
      if (request.url?.startsWith('/v1/hang')) return void held.push(response)
      if (request.url === '/v1/stall') {
        // Headers and one event, then silence: only an abort ends the read.
        response.writeHead(200, { 'content-type': 'text/event-stream' })
        response.write(`data: ${JSON.stringify(chunk)}\n\n`)
        return void held.push(response)
      }
      const parsed = JSON.parse(body || '{}') as { stream?: boolean }
      if (parsed.stream && request.url?.startsWith('/v1/never-end/')) {
        response.writeHead(200, { 'content-type': 'text/event-stream' })
        response.write(`data: ${JSON.stringify({ ...chunk, choices: [], usage })}\n\ndata: [DONE]\n\n`)
        return void held.push(response)
      }
      if (parsed.stream && request.url?.startsWith('/v1/late-end/')) {
        // `[DONE]` first, the end of the response a moment later, as a server flushing each event does.
        response.writeHead(200, { 'content-type': 'text/event-stream' })
        response.write(
          `data: ${JSON.stringify(chunk)}\n\ndata: ${JSON.stringify({ ...chunk, choices: [], usage })}\n\n`,
        )
        response.write('data: [DONE]\n\n')
        setTimeout(() => response.end(), 20)
        return
      }
      if (parsed.stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream' })
        response.end(
          `data: ${JSON.stringify(chunk)}\n\ndata: ${JSON.stringify({ ...chunk, choices: [], usage })}\n\ndata: [DONE]\n\n`,
        )
        return
      }
      response.writeHead(200, {
        'content-type': 'application/json',
        'x-echo': request.headers.authorization ?? '',
      })
      response.end(
        JSON.stringify({
          id: 'c',
          object: 'chat.completion',
          created: 1,
          model: 'm',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'hi' },
              logprobs: null,
              finish_reason: 'stop',
            },
          ],
          usage,
          echo: { authorization: request.headers.authorization, length: request.headers['content-length'] },
        }),
      )
    })
  })
  server.on('connection', () => connections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  for (const response of held) response.destroy()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('createUndiciTransport', () => {
  const post = (path: string, signals: AbortSignal[] = [], body = '{}') =>
    createUndiciTransport()({
      url: `${url}${path}`,
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body,
      signals,
    })

  it('behavior: the upstream backend answers and streams through it, on kept-alive connections (not one per request)', async () => {
    const backend = createUpstreamBackend({
      baseUrl: `${url}/v1/`,
      apiKey: 'k',
      transport: createUndiciTransport(),
    })
    const before = connections
    for (let i = 0; i < 20; i++) {
      const answer = await backend.chatCompletion({ messages: [{ role: 'user', content: 'x' }] })
      expect(answer.usage).toEqual(usage)
    }
    // undici may open a second connection while the first answer's parse finishes; then both are reused.
    expect(connections - before).toBeLessThanOrEqual(2)
    const chunks = []
    for await (const chunk of backend.streamChatCompletion({ messages: [{ role: 'user', content: 'x' }] }))
      chunks.push(chunk)
    expect(chunks.at(-1)?.usage).toEqual(usage)
  })

  it.each([
    ['ends with its last event', '/v1/'],
    ['ends a moment after [DONE]', '/v1/late-end/'],
  ])(
    'behavior: streams read to their [DONE] hand their connection back to the pool (a response that %s)',
    async (_, path) => {
      const backend = createUpstreamBackend({ baseUrl: `${url}${path}`, transport: createUndiciTransport() })
      const stream = async () => {
        let count = 0
        for await (const _ of backend.streamChatCompletion({ messages: [{ role: 'user', content: 'x' }] }))
          count++
        return count
      }
      expect(await stream()).toBe(2)
      const before = connections
      for (let i = 0; i < 10; i++) expect(await stream()).toBe(2)
      // At most one more while the first stream's connection comes back; never one per stream.
      expect(connections - before).toBeLessThanOrEqual(1)
    },
  )

  it('behavior: a stream whose server never ends it after [DONE] still completes, and its connection is closed', async () => {
    const backend = createUpstreamBackend({
      baseUrl: `${url}/v1/never-end/`,
      transport: createUndiciTransport(),
    })
    const chunks = []
    for await (const chunk of backend.streamChatCompletion({ messages: [{ role: 'user', content: 'x' }] }))
      chunks.push(chunk)
    expect(chunks.at(-1)?.usage).toEqual(usage)
    const response = held.at(-1)!
    if (!response.destroyed) await new Promise((resolve) => response.once('close', resolve))
    expect(response.writableEnded).toBe(false)
  })

  it('behavior: sends the headers with a content length and returns status and body', async () => {
    const reply = await post('/v1/chat/completions', [], '{"é":1}')
    expect(reply.status).toBe(200)
    const answer = JSON.parse(await reply.text()) as { echo: unknown }
    expect(answer.echo).toEqual({ authorization: 'Bearer t', length: '8' })
    const failed = await post('/v1/broken')
    expect(failed.status).toBe(500)
    expect(await failed.text()).toBe('upstream secret detail')
  })

  it('error: a signal aborts before the answer, or during the body; a refused connection rejects', async () => {
    const early = new AbortController()
    early.abort(new Error('gone'))
    await expect(post('/v1/hang', [early.signal])).rejects.toThrow('gone')
    const late = new AbortController()
    const pending = post('/v1/hang', [new AbortController().signal, late.signal])
    setTimeout(() => late.abort(new Error('gone')), 20)
    await expect(pending).rejects.toThrow()
    const reading = new AbortController()
    const stalled = await post('/v1/stall', [reading.signal])
    const parts: Uint8Array[] = []
    const read = (async () => {
      for await (const part of stalled.body!) parts.push(part)
    })()
    setTimeout(() => reading.abort(new Error('timeout')), 50)
    await expect(read).rejects.toThrow()
    expect(parts.length).toBeGreaterThan(0)
    await expect(
      createUndiciTransport()({ url: 'http://127.0.0.1:1/v1/x', headers: {}, body: '{}', signals: [] }),
    ).rejects.toThrow()
  })

  it('error: the backend deadline (not a signal) cancels a request, on this transport and on fetch', async () => {
    for (const transport of [createUndiciTransport(), createFetchTransport(globalThis.fetch)]) {
      const backend = createUpstreamBackend({ baseUrl: `${url}/v1/hang`, timeoutMs: 100, transport })
      const started = performance.now()
      await expect(
        backend.chatCompletion({ messages: [{ role: 'user', content: 'x' }], model: 'm' }, {}),
      ).rejects.toMatchObject({ code: 'INFERENCE_BACKEND_TIMEOUT' })
      expect(performance.now() - started).toBeLessThan(5_000)
    }
    const deadline = createDeadline(30)
    const stalled = await createUndiciTransport()({
      url: `${url}/v1/stall`,
      headers: {},
      body: '{}',
      signals: [],
      deadline,
    })
    const read = (async () => {
      for await (const _ of stalled.body!) {
      }
    })()
    await expect(read).rejects.toThrow()
    expect(deadline.aborted).toBe(true)
  })

  it('error: a reader that stops early, then cancels, closes the connection without an unhandled error', async () => {
    const reply = await post('/v1/stall')
    for await (const _ of reply.body!) break
    const closed = new Promise((resolve) => held.at(-1)!.once('close', resolve))
    await reply.cancel()
    await expect(closed).resolves.toBeUndefined()
    // An 'error' event with no listener would surface as an uncaught exception after this turn.
    await new Promise((resolve) => setTimeout(resolve, 20))
  })

  it('behavior: cancelling an unfinished body closes its connection', async () => {
    const reply = await post('/v1/stall')
    const iterator = reply.body![Symbol.asyncIterator]()
    await iterator.next()
    const closed = new Promise((resolve) => held.at(-1)!.once('close', resolve))
    await reply.cancel()
    await expect(closed).resolves.toBeUndefined()
  })
})
