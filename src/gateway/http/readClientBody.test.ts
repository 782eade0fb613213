import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { ServedVia } from '../testing/serveGateway.ts'
import { useServedFakeGateway } from '../testing/useServedFakeGateway.ts'

const servedVia: ServedVia[] = ['listener', 'hono']
const start = useServedFakeGateway()

const setup = (via: ServedVia) => start(via, { config: 'server: { maxBodyBytes: 1KiB }' })

// Sends the body in pieces with chunked encoding (no content-length), as a streaming client would.
function postChunked(url: string, key: string, pieces: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } },
      (response) => {
        let body = ''
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString()
        })
        response.once('end', () => resolve({ status: response.statusCode ?? 0, body }))
      },
    )
    outgoing.once('error', reject)
    for (const piece of pieces) outgoing.write(piece)
    outgoing.end()
  })
}

const chat = (content: string) =>
  JSON.stringify({ model: 'llama-tiny', messages: [{ role: 'user', content }], max_tokens: 4 })

describe.each(servedVia)('readClientBody on Node’s server, via %s', (via) => {
  it('default: a body sent in pieces is read whole and relayed', async () => {
    const { served, key, net } = await setup(via)
    const body = chat('hello')
    const answer = await postChunked(`${served.url}/v1/chat/completions`, key, [
      body.slice(0, 20),
      body.slice(20),
    ])
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toMatchObject({ object: 'chat.completion' })
    expect(net.transport.calls).toBe(1)
  })

  it('error: a declared content-length above server.maxBodyBytes → 413 without reading it', async () => {
    const { served, key, net } = await setup(via)
    const response = await fetch(`${served.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: chat('x'.repeat(2_000)),
    })
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: { code: 'request_too_large' } })
    expect(net.transport.calls).toBe(0)
  })

  it('error: a chunked body that grows past the limit → 413, and the server keeps serving', async () => {
    const { served, key, net } = await setup(via)
    const big = chat('x'.repeat(2_000))
    const answer = await postChunked(`${served.url}/v1/chat/completions`, key, [
      big.slice(0, 600),
      big.slice(600),
    ])
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'request_too_large' } })
    expect(net.transport.calls).toBe(0)
    expect((await postChunked(`${served.url}/v1/chat/completions`, key, [chat('hi')])).status).toBe(200)
  })
})
