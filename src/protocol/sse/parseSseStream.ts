/** One server-sent event: its `event:` name, if any, and its joined `data:` lines. */
export type SseEvent = { event: string | undefined; data: string }

/**
 * Parses a `text/event-stream` body into events: events end at a blank line, `data:` lines join with
 * `\n`, one space after the colon is dropped, comment lines are skipped, CR/LF/CRLF all end a line.
 * Strict at the end on purpose: an event cut off before its blank line is dropped, because a truncated
 * chunk is a broken stream, not data (the router then resumes it elsewhere).
 *
 * @param body - the response body
 * @returns the events in order
 * @example
 * for await (const { event, data } of parseSseStream(response.body)) if (data !== '[DONE]') handle(JSON.parse(data))
 */
export async function* parseSseStream(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder()
  let buffer = ''
  let name: string | undefined
  let data: string[] = []
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true })
    // A trailing CR may be half of a CRLF split across reads: keep it for the next read.
    const end = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length
    const lines = buffer.slice(0, end).split(/\r\n|\r|\n/)
    buffer = lines.pop()! + buffer.slice(end)
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) yield { event: name, data: data.join('\n') }
        name = undefined
        data = []
        continue
      }
      if (line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'data') data.push(value)
      else if (field === 'event') name = value
    }
  }
}
