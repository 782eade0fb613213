import { parseSseStream } from '../../protocol/sse/parseSseStream.ts'
import { UpstreamError } from '../errors.ts'
import { type AbortSource, type Deadline, toUpstreamFailure } from './postUpstream.ts'
import type { UpstreamReply } from './upstreamTransport.ts'

/**
 * Reads a non-streaming JSON answer and checks it is an object (with a `choices` or `data` array when
 * `arrayField` says so).
 *
 * @param response - a successful answer.
 * @param signals - the deadline and signals that may abort the read (for the typed error).
 * @param arrayField - the array the answer must carry: `choices` or `data`.
 * @returns the parsed body.
 * @throws {UpstreamError} status 0 when the body is not the expected JSON.
 * @example
 * const completion = await readJsonAnswer<ChatCompletion>(response, [deadline], 'choices')
 */
export async function readJsonAnswer<T>(
  response: UpstreamReply,
  signals: readonly AbortSource[],
  arrayField: 'choices' | 'data',
): Promise<T> {
  let text: string
  try {
    text = await response.text()
  } catch (error) {
    throw toUpstreamFailure(
      error,
      signals,
      () => new UpstreamError({ status: 0, details: 'the body broke off' }),
    )
  }
  const body = parseJson(text)
  if (!isRecord(body) || !Array.isArray(body[arrayField])) {
    throw new UpstreamError({ status: 0, details: `expected a JSON object with "${arrayField}"` })
  }
  return body as T
}

/**
 * Reads an OpenAI SSE stream: one parsed JSON chunk per `data:` event until `[DONE]`. The deadline is
 * re-armed with `idleTimeoutMs` for every event, so a long generation is fine but a stalled one is not.
 *
 * @param response - a successful `text/event-stream` answer.
 * @param stream - deadline, idle timeout and the signals that may abort the read.
 * @returns the chunks.
 * @throws {UpstreamError} for an `error` object inside the stream or a chunk that is not JSON.
 * @example
 * for await (const chunk of readSseChunks<ChatCompletionChunk>(response, { deadline, idleTimeoutMs, signals })) …
 */
export async function* readSseChunks<T>(
  response: UpstreamReply,
  stream: { deadline: Deadline; idleTimeoutMs: number; signals: readonly AbortSource[] },
): AsyncGenerator<T> {
  const { deadline, idleTimeoutMs, signals } = stream
  if (!response.body) throw new UpstreamError({ status: 0, details: 'no response body' })
  deadline.arm(idleTimeoutMs)
  let isComplete = false
  try {
    for await (const event of parseSseStream(response.body, { isLenientAtEnd: true })) {
      deadline.arm(idleTimeoutMs)
      if (event.data === '[DONE]') {
        isComplete = true
        return
      }
      const chunk = parseJson(event.data)
      if (isRecord(chunk) && chunk.error !== undefined) {
        throw new UpstreamError({ status: 0, details: JSON.stringify(chunk.error).slice(0, 500) })
      }
      yield chunk as T
    }
  } catch (error) {
    throw toUpstreamFailure(
      error,
      signals,
      () => new UpstreamError({ status: 0, details: 'the stream broke off' }),
    )
  } finally {
    deadline.clear()
    // Ending early (client gone) must also end the upstream request. A complete stream keeps its
    // connection for the next relay: servers end the response with or right after `[DONE]`, and one
    // that does not is cut off within 250 ms (the wait bounds how long the relay's end is held).
    if (isComplete) await response.finish().catch(() => {})
    else await response.cancel().catch(() => {})
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new UpstreamError({ status: 0, details: `not JSON: ${text.slice(0, 100)}` })
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
