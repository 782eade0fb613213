import { describe, expect, it } from 'vitest'
import { parseSseStream } from './parseSseStream.ts'

async function* bytes(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part)
}

async function collect(body: AsyncIterable<Uint8Array>, options?: { isLenientAtEnd?: boolean }) {
  const events = []
  for await (const event of parseSseStream(body, options)) events.push(event)
  return events
}

const parse = (...parts: string[]) => collect(bytes(...parts))

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

  it('behavior: lenient at the end (upstream servers), the open event is dispatched; multi-line data, names and CRLF across reads', async () => {
    const parts = [': keep-alive\r', '\n', 'event: err', 'or\r\ndata: a\r\nda', 'ta:b\r', '\n\r\n', 'data: x']
    expect(await collect(bytes(...parts), { isLenientAtEnd: true })).toEqual([
      { event: 'error', data: 'a\nb' },
      { event: undefined, data: 'x' },
    ])
    expect(await collect(bytes(...parts))).toEqual([{ event: 'error', data: 'a\nb' }])
  })

  it('behavior: a multi-byte character split across reads survives', async () => {
    const encoded = new TextEncoder().encode('data: é\n\n')
    async function* split() {
      yield encoded.slice(0, 7)
      yield encoded.slice(7)
    }
    expect(await collect(split())).toEqual([{ event: undefined, data: 'é' }])
  })
})
