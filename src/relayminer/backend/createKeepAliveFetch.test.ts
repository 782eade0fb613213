import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUpstreamBackend } from '../../inference/upstream/createUpstreamBackend.ts'
import { createKeepAliveFetch } from './createKeepAliveFetch.ts'

let server: Server
let url: string
const usage = { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 }

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (part: Buffer) => {
      body += part.toString()
    })
    request.on('end', () => {
      if (request.url === '/v1/broken') return void response.writeHead(500).end('upstream secret detail')
      if (request.url === '/v1/hang') return
      const parsed = JSON.parse(body || '{}') as { stream?: boolean }
      if (parsed.stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream' })
        const chunk = {
          id: 'c',
          object: 'chat.completion.chunk',
          created: 1,
          model: 'm',
          choices: [{ index: 0, delta: { content: 'hi' }, logprobs: null, finish_reason: null }],
        }
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
        }),
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('createKeepAliveFetch', () => {
  it('behavior: the upstream backend answers and streams through it', async () => {
    const backend = createUpstreamBackend({
      baseUrl: `${url}/v1`,
      apiKey: 'k',
      fetch: createKeepAliveFetch(),
    })
    const answer = await backend.chatCompletion({ messages: [{ role: 'user', content: 'x' }] })
    expect(answer.usage).toEqual(usage)
    const chunks = []
    for await (const chunk of backend.streamChatCompletion({ messages: [{ role: 'user', content: 'x' }] }))
      chunks.push(chunk)
    expect(chunks.at(-1)?.usage).toEqual(usage)
  })

  it('behavior: sends headers and returns status, headers and body like fetch', async () => {
    const response = await createKeepAliveFetch()(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: '{}',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-echo')).toBe('Bearer t')
    expect(((await response.json()) as { usage: unknown }).usage).toEqual(usage)
    const failed = await createKeepAliveFetch()(`${url}/v1/broken`, { method: 'POST', body: '{}' })
    expect(failed.ok).toBe(false)
  })

  it('error: an abort rejects with the signal reason; a refused connection rejects', async () => {
    const controller = new AbortController()
    const pending = createKeepAliveFetch()(`${url}/v1/hang`, {
      method: 'POST',
      body: '{}',
      signal: controller.signal,
    })
    controller.abort(new Error('gone'))
    await expect(pending).rejects.toThrow('gone')
    await expect(
      createKeepAliveFetch()('http://127.0.0.1:1/v1/x', { method: 'POST', body: '{}' }),
    ).rejects.toThrow()
  })
})
