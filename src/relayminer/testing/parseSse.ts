/** One server-sent event. */
export type SseEvent = { event: string | undefined; data: string }

/**
 * Splits a complete SSE body into events (the subset the relayminer writes: `event:` and one `data:`
 * line per event).
 *
 * @param text - the whole body
 * @returns the events in order
 * @example
 * parseSse('data: {"a":1}\n\nevent: relay-response\ndata: {}\n\n')
 */
export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      let event: string | undefined
      const data: string[] = []
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7)
        else if (line.startsWith('data: ')) data.push(line.slice(6))
      }
      return { event, data: data.join('\n') }
    })
}
