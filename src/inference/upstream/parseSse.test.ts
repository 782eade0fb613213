import { describe, expect, it } from 'vitest'
import { parseSse } from './parseSse.ts'

async function* bytes(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part)
}

async function parse(...parts: string[]) {
  const events = []
  for await (const event of parseSse(bytes(...parts))) events.push(event)
  return events
}

describe('parseSse', () => {
  it('default: data events separated by blank lines', async () => {
    expect(await parse('data: {"a":1}\n\ndata: [DONE]\n\n')).toEqual([
      { event: 'message', data: '{"a":1}' },
      { event: 'message', data: '[DONE]' },
    ])
  })

  it('behavior: lines and CRLF split across reads, comments, multi-line data and event names', async () => {
    const events = await parse(
      ': keep-alive\r',
      '\n',
      'event: err',
      'or\r\ndata: a\r\nda',
      'ta:b\r',
      '\n\r\n',
      'data: x',
    )
    expect(events).toEqual([
      { event: 'error', data: 'a\nb' },
      { event: 'message', data: 'x' },
    ])
  })

  it('behavior: a multi-byte character split across reads survives', async () => {
    const encoded = new TextEncoder().encode('data: é\n\n')
    async function* split() {
      yield encoded.slice(0, 7)
      yield encoded.slice(7)
    }
    const events = []
    for await (const event of parseSse(split())) events.push(event)
    expect(events).toEqual([{ event: 'message', data: 'é' }])
  })
})
