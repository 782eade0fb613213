import { describe, expect, it } from 'vitest'
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
