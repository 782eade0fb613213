import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatCompletionChunk } from '../openai/responseTypes.ts'
import { createUpstreamBackend } from './createUpstreamBackend.ts'

// A fake OpenAI-compatible server on 127.0.0.1; the request's `model` picks its behaviour.
type Seen = { path: string; headers: IncomingMessage['headers']; body: Record<string, unknown> }
const seen: Seen[] = []
let server: Server
let baseUrl: string
const openSockets = new Set<ServerResponse>()

const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 }
const chunk = (content: string) => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
})

function handle(request: IncomingMessage, response: ServerResponse, body: Record<string, unknown>) {
  seen.push({ path: request.url!, headers: request.headers, body })
  const model = String(body.model)
  if (request.headers.authorization !== 'Bearer sk-test') return reply(response, 401, '{"error":"no key"}')
  if (model === 'fail') return reply(response, 503, '{"error":{"message":"overloaded"}}')
  if (model === 'bad-json') return reply(response, 200, 'hello')
  if (model === 'slow' || model === 'stall') return hold(response, model === 'stall')
  if (request.url === '/v1/embeddings')
    return reply(response, 200, JSON.stringify({ object: 'list', data: [] }))
  if (!body.stream)
    return reply(response, 200, JSON.stringify({ object: 'chat.completion', choices: [], echo: body }))
  response.writeHead(200, { 'content-type': 'text/event-stream' })
  if (model === 'stream-error') return response.end('data: {"error":{"message":"boom"}}\n\n')
  // Split an event across writes to exercise the parser on real sockets.
  response.write(`data: ${JSON.stringify(chunk('Hel'))}\n\nda`)
  response.write(`ta: ${JSON.stringify(chunk('lo'))}\r\n\r\n`)
  response.write(`data: ${JSON.stringify({ ...chunk(''), choices: [], usage })}\n\n`)
  response.end('data: [DONE]\n\n')
}

function reply(response: ServerResponse, status: number, text: string) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(text)
}

// Sends headers (and for "stall" one chunk), then never finishes: only a timeout ends the request.
function hold(response: ServerResponse, isStream: boolean) {
  openSockets.add(response)
  if (!isStream) return
  response.writeHead(200, { 'content-type': 'text/event-stream' })
  response.write(`data: ${JSON.stringify(chunk('x'))}\n\n`)
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = ''
    request.on('data', (part) => {
      text += part
    })
    request.on('end', () => handle(request, response, JSON.parse(text || '{}')))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`
})
afterAll(async () => {
  for (const response of openSockets) response.destroy()
  await new Promise((resolve) => server.close(resolve))
})

const messages = [{ role: 'user' as const, content: 'hi' }]
const backend = (extra = {}) => createUpstreamBackend({ baseUrl, apiKey: 'sk-test', ...extra })

describe('createUpstreamBackend', () => {
  it('behavior: non-streaming calls POST the body with auth, model override and stream: false', async () => {
    const answer = (await backend({ model: 'served', headers: { 'x-extra': '1' } }).chatCompletion({
      messages,
      model: 'asked',
      temperature: 0,
    })) as unknown as { echo: Record<string, unknown> }
    expect(answer.echo).toEqual({ messages, model: 'served', temperature: 0, stream: false })
    expect(seen.at(-1)).toMatchObject({ path: '/v1/chat/completions', headers: { 'x-extra': '1' } })
    await backend().completion({ prompt: 'x', model: 'm' })
    expect(seen.at(-1)!.path).toBe('/v1/completions')
    await expect(backend().embeddings({ input: 'x', model: 'm' })).resolves.toMatchObject({ data: [] })
  })

  it('behavior: streaming parses SSE into chunks, asks for usage and ends at [DONE]', async () => {
    const chunks: ChatCompletionChunk[] = []
    for await (const c of backend().streamChatCompletion({ messages, model: 'm', stream_options: {} }))
      chunks.push(c)
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hello')
    expect(chunks.at(-1)!.usage).toEqual(usage)
    expect(seen.at(-1)!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } })
  })

  it('error: HTTP errors, bad bodies and error events are typed', async () => {
    await expect(backend().chatCompletion({ messages, model: 'fail' })).rejects.toMatchObject({
      code: 'INFERENCE_UPSTREAM_ERROR',
      status: 503,
      fault: 'supplier',
    })
    await expect(
      createUpstreamBackend({ baseUrl }).chatCompletion({ messages, model: 'm' }),
    ).rejects.toMatchObject({
      status: 401,
    })
    await expect(backend().chatCompletion({ messages, model: 'bad-json' })).rejects.toMatchObject({
      status: 0,
    })
    const stream = backend().streamChatCompletion({ messages, model: 'stream-error' })
    await expect(stream[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      code: 'INFERENCE_UPSTREAM_ERROR',
    })
  })

  it('error: timeouts (whole answer, and silence inside a stream) and caller aborts', async () => {
    const quick = backend({ timeoutMs: 200, idleTimeoutMs: 200 })
    await expect(quick.chatCompletion({ messages, model: 'slow' })).rejects.toMatchObject({
      code: 'INFERENCE_BACKEND_TIMEOUT',
    })
    const received: unknown[] = []
    await expect(
      (async () => {
        for await (const c of quick.streamChatCompletion({ messages, model: 'stall' })) received.push(c)
      })(),
    ).rejects.toMatchObject({ code: 'INFERENCE_BACKEND_TIMEOUT' })
    expect(received).toHaveLength(1)
    const controller = new AbortController()
    const pending = backend().chatCompletion({ messages, model: 'slow' }, { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ code: 'INFERENCE_ABORTED' })
  })

  it('error: an unreachable server and a closed backend', async () => {
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as AddressInfo).port
    await new Promise((resolve) => probe.close(resolve))
    const unreachable = createUpstreamBackend({ baseUrl: `http://user:secret@127.0.0.1:${port}/v1` })
    const failure = await unreachable.chatCompletion({ messages, model: 'm' }).catch((error: Error) => error)
    expect(failure).toMatchObject({ code: 'INFERENCE_UPSTREAM_UNREACHABLE' })
    expect(String((failure as Error).message)).not.toContain('secret')
    const closed = backend()
    await closed.close()
    await expect(closed.chatCompletion({ messages, model: 'm' })).rejects.toMatchObject({
      code: 'INFERENCE_BACKEND_CLOSED',
    })
  })
})
