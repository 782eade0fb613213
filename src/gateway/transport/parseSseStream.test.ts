import { describe, expect, it } from 'vitest'
import { relayUrlOf } from './createHttpSupplierTransport.ts'
import { parseSseStream } from './parseSseStream.ts'

async function parse(...parts: string[]) {
  const encoder = new TextEncoder()
  async function* body() {
    for (const part of parts) yield encoder.encode(part)
  }
  const events = []
  for await (const event of parseSseStream(body())) events.push(event)
  return events
}

describe('parseSseStream', () => {
  it('default: data events, named events, comments and CRLF split across reads', async () => {
    expect(
      await parse('data: {"a":1}\r', '\n\r\n: keep-alive\n\nevent: relay-response\ndata: x\ndata: y\n\n'),
    ).toEqual([
      { event: undefined, data: '{"a":1}' },
      { event: 'relay-response', data: 'x\ny' },
    ])
  })

  it('behavior: an event cut off before its blank line is dropped (a broken stream, not data)', async () => {
    expect(await parse('data: {"a":1}\n\ndata: {"b":')).toEqual([{ event: undefined, data: '{"a":1}' }])
  })
})

describe('relayUrlOf', () => {
  it.each([
    ['http://127.0.0.1:8081', 'http://127.0.0.1:8081/v1/relay'],
    ['https://supplier.example/v1/', 'https://supplier.example/v1/relay'],
    ['https://supplier.example/custom/relay', 'https://supplier.example/custom/relay'],
  ])('default: %s → %s', (endpoint, url) => {
    expect(relayUrlOf(endpoint)).toBe(url)
  })
})
