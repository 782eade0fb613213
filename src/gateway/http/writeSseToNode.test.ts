import OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import type { ServedVia } from '../testing/serveGateway.ts'
import { useServedFakeGateway } from '../testing/useServedFakeGateway.ts'

const servedVia: ServedVia[] = ['listener', 'hono']
const setup = useServedFakeGateway()

const chat = { model: 'llama-tiny', messages: [{ role: 'user', content: 'hello' }], stream: true }
const post = (url: string, key: string, signal?: AbortSignal) =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-request-id': 'req-1' },
    body: JSON.stringify(chat),
    ...(signal ? { signal } : {}),
  })
const dataOf = (text: string) =>
  text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length))

describe.each(servedVia)('writeSseToNode (streams served by Node’s server), via %s', (via) => {
  it('default: the whole stream arrives as SSE under the request id, then [DONE]', async () => {
    const { served, key } = await setup(via)
    const response = await post(served.url, key)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('x-request-id')).toBe('req-1')
    const data = dataOf(await response.text())
    expect(data.at(-1)).toBe('[DONE]')
    const text = data
      .slice(0, -1)
      .map((event) => (JSON.parse(event) as { choices: Array<{ delta: { content?: string } }> }).choices)
      .map((choices) => choices[0]?.delta.content ?? '')
      .join('')
    expect(text).toBe('w0 w1 w2 w3 w4 w5')
  })

  it('behavior: the official openai SDK streams from it, with usage', async () => {
    const { served, key } = await setup(via)
    const openai = new OpenAI({ baseURL: `${served.url}/v1`, apiKey: key, maxRetries: 0 })
    const stream = await openai.chat.completions.create({
      model: 'llama-tiny',
      messages: [{ role: 'user', content: 'hello' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let usage: unknown
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? ''
      usage = chunk.usage ?? usage
    }
    expect(text).toBe('w0 w1 w2 w3 w4 w5')
    expect(usage).toMatchObject({ completion_tokens: 6 })
  })

  it('error: a stream that breaks and cannot be resumed ends with an error event and no [DONE]', async () => {
    const { served, key } = await setup(via, {
      behaviors: [{ breakAfterChunks: 2 }, { breakAfterChunks: 2 }, { breakAfterChunks: 2 }],
      config: 'routing: { continuation: none }',
    })
    const data = dataOf(await (await post(served.url, key)).text())
    expect(data).not.toContain('[DONE]')
    expect(JSON.parse(data.at(-1)!)).toMatchObject({ error: { code: 'stream_interrupted' } })
  })

  it('behavior: a client that leaves mid-stream ends the supplier stream early', async () => {
    const slow = { chunkDelayMs: 20, answerWords: 100 }
    const { served, key, gateway } = await setup(via, { behaviors: [slow, slow, slow] })
    const controller = new AbortController()
    const response = await post(served.url, key, controller.signal)
    await response.body!.getReader().read()
    controller.abort()
    // The stream is accounted when it is over; a client that stayed would be charged all 100 tokens.
    while (gateway.keyStore!.list()[0]!.usage.requests === 0)
      await new Promise((resolve) => setTimeout(resolve, 10))
    expect(gateway.keyStore!.list()[0]!.usage.outputTokens).toBeLessThan(100)
  })
})
