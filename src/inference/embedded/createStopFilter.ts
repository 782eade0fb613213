/** Holds back text that might be the start of a stop sequence. */
export type StopFilter = {
  /** Adds text; returns what can be released and whether a stop sequence matched (text after it is dropped). */
  push(text: string): { text: string; isStopped: boolean }
  /** Releases the held-back tail at the end of generation. */
  flush(): string
}

/**
 * A filter for OpenAI `stop` sequences: the output ends before the first occurrence of any of them, and
 * no byte of a stop sequence is ever streamed, even when it arrives split across tokens.
 *
 * @param stops - the stop sequences (empty strings are ignored).
 * @returns the filter.
 * @example
 * const f = createStopFilter(['\n']); f.push('a\nb') // { text: 'a', isStopped: true }
 */
export function createStopFilter(stops: readonly string[]): StopFilter {
  const sequences = stops.filter((s) => s.length > 0)
  let buffer = ''
  return {
    push(text) {
      buffer += text
      const stopAt = firstStopIndex(buffer, sequences)
      if (stopAt >= 0) {
        const released = buffer.slice(0, stopAt)
        buffer = ''
        return { text: released, isStopped: true }
      }
      const keep = longestPartialMatch(buffer, sequences)
      const released = buffer.slice(0, buffer.length - keep)
      buffer = buffer.slice(buffer.length - keep)
      return { text: released, isStopped: false }
    },
    flush() {
      const rest = buffer
      buffer = ''
      return rest
    },
  }
}

function firstStopIndex(text: string, sequences: readonly string[]): number {
  let first = -1
  for (const sequence of sequences) {
    const at = text.indexOf(sequence)
    if (at >= 0 && (first < 0 || at < first)) first = at
  }
  return first
}

// Length of the longest suffix of `text` that is a proper prefix of some stop sequence.
function longestPartialMatch(text: string, sequences: readonly string[]): number {
  let longest = 0
  for (const sequence of sequences) {
    for (let n = Math.min(sequence.length - 1, text.length); n > longest; n--) {
      if (text.endsWith(sequence.slice(0, n))) {
        longest = n
        break
      }
    }
  }
  return longest
}
