/** One server-sent event: its `event` name (default `message`) and its joined `data` lines. */
export type SseEvent = { event: string; data: string }

/**
 * Parses a `text/event-stream` body into events, following the WHATWG rules that matter for OpenAI
 * streams: events end at a blank line; `data:` lines join with `\n`; one space after the colon is
 * dropped; comment lines (`:`) are ignored; CR, LF and CRLF all end a line.
 *
 * @param body - the response body.
 * @returns the events, in order; an event still open when the body ends is dispatched if it has data.
 * @example
 * for await (const { data } of parseSse(response.body)) if (data !== '[DONE]') handle(JSON.parse(data))
 */
export async function* parseSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder()
  const event = createEventBuilder()
  let buffer = ''
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true })
    // A trailing CR may be the first half of a CRLF split across reads: hold it back until the next read.
    const end = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length
    const lines = buffer.slice(0, end).split(/\r\n|\r|\n/)
    buffer = lines.pop()! + buffer.slice(end)
    for (const line of lines) {
      const dispatched = event.line(line)
      if (dispatched) yield dispatched
    }
  }
  // Lenient at the end: a last event without its blank line is still dispatched.
  const last = event.line(buffer.replace(/\r$/, '')) ?? event.line('')
  if (last) yield last
}

function createEventBuilder() {
  let name = ''
  let data: string[] = []
  return {
    line(line: string): SseEvent | undefined {
      if (line === '') {
        const result = data.length > 0 ? { event: name || 'message', data: data.join('\n') } : undefined
        name = ''
        data = []
        return result
      }
      if (line.startsWith(':')) return undefined
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'data') data.push(value)
      else if (field === 'event') name = value
      return undefined
    },
  }
}
