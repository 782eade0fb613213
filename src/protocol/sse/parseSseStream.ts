/** One server-sent event: its `event:` name, if any, and its joined `data:` lines. */
export type SseEvent = { event: string | undefined; data: string }

/**
 * Parses a `text/event-stream` body into events: events end at a blank line, `data:` lines join with
 * `\n`, one space after the colon is dropped, comment lines are skipped, CR/LF/CRLF all end a line.
 * Strict at the end by default: an event cut off before its blank line is dropped, because a truncated
 * relay stream is a broken stream, not data (the router then resumes it elsewhere). `isLenientAtEnd`
 * dispatches it instead, for OpenAI-compatible servers that end their last event with the connection.
 *
 * @param body - the response body
 * @param options - `isLenientAtEnd`: dispatch an event still open when the body ends
 * @returns the events in order
 * @example
 * for await (const { event, data } of parseSseStream(response.body)) if (data !== '[DONE]') handle(JSON.parse(data))
 */
export async function* parseSseStream(
  body: AsyncIterable<Uint8Array>,
  options: { isLenientAtEnd?: boolean } = {},
): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder()
  const event = createEventBuilder()
  let buffer = ''
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true })
    // A trailing CR may be half of a CRLF split across reads: keep it for the next read.
    const end = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length
    const lines = buffer.slice(0, end).split(/\r\n|\r|\n/)
    buffer = lines.pop()! + buffer.slice(end)
    for (const line of lines) {
      const dispatched = event.line(line)
      if (dispatched) yield dispatched
    }
  }
  if (!options.isLenientAtEnd) return
  const last = event.line(buffer.replace(/\r$/, '')) ?? event.line('')
  if (last) yield last
}

// Feeds one line at a time; returns the event a blank line completes.
function createEventBuilder() {
  let name: string | undefined
  let data: string[] = []
  return {
    line(line: string): SseEvent | undefined {
      if (line === '') {
        const result = data.length > 0 ? { event: name, data: data.join('\n') } : undefined
        name = undefined
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
