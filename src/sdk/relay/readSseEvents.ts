/** One server-sent event. */
export type SdkSseEvent = { event: string | undefined; data: string }

/**
 * Parses a `text/event-stream` body into events (blank line ends an event; `data:` lines join with `\n`;
 * comments skipped). An event cut off before its blank line is dropped: a truncated stream is broken.
 *
 * @param body - the response body
 * @returns the events in order
 * @example
 * for await (const { event, data } of readSseEvents(response.body)) handle(event, data)
 */
export async function* readSseEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<SdkSseEvent> {
  const decoder = new TextDecoder()
  let buffer = ''
  let name: string | undefined
  let data: string[] = []
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true })
    const end = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length
    const lines = buffer.slice(0, end).split(/\r\n|\r|\n/)
    buffer = lines.pop()! + buffer.slice(end)
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) yield { event: name, data: data.join('\n') }
        name = undefined
        data = []
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':')
        const field = colon < 0 ? line : line.slice(0, colon)
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
        if (field === 'data') data.push(value)
        else if (field === 'event') name = value
      }
    }
  }
}
