import type { InferenceCallOptions } from '../backend.ts'
import { BackendClosedError } from '../errors.ts'
import { type AbortSource, createDeadline, postUpstream, type UpstreamTarget } from './postUpstream.ts'
import { readJsonAnswer, readSseChunks } from './readUpstream.ts'

/** One call to the upstream server. */
export type UpstreamCall = { path: string; body: Record<string, unknown>; options?: InferenceCallOptions }

/** The two ways of calling an upstream server: a whole JSON answer, or an SSE stream of chunks. */
export type UpstreamCalls = {
  answer<T>(call: UpstreamCall, arrayField: 'choices' | 'data'): Promise<T>
  stream<T>(call: UpstreamCall): AsyncGenerator<T>
}

/**
 * Calls bound to one server, with its timeouts. A JSON answer must arrive whole within `timeoutMs`; a
 * stream must send its headers within `timeoutMs` and then never fall silent for `idleTimeoutMs`.
 * Streams always ask for `stream_options.include_usage`, so the last chunk carries usage.
 *
 * @param target - server, headers, transport and close signal.
 * @param timeouts - `timeoutMs` and `idleTimeoutMs`.
 * @returns the calls.
 * @example
 * const calls = createUpstreamCalls(target, { timeoutMs: 60_000, idleTimeoutMs: 30_000 })
 */
export function createUpstreamCalls(
  target: UpstreamTarget,
  timeouts: { timeoutMs: number; idleTimeoutMs: number },
): UpstreamCalls {
  const begin = (options?: InferenceCallOptions) => {
    if (target.closeSignal.aborted) throw new BackendClosedError()
    const deadline = createDeadline(timeouts.timeoutMs)
    const signals: AbortSource[] = [deadline, target.closeSignal]
    if (options?.signal) signals.push(options.signal)
    return { deadline, signals }
  }
  return {
    async answer<T>({ path, body, options }: UpstreamCall, arrayField: 'choices' | 'data') {
      const { deadline, signals } = begin(options)
      try {
        const response = await postUpstream(target, { path, body, deadline, signal: options?.signal })
        return await readJsonAnswer<T>(response, signals, arrayField)
      } finally {
        deadline.clear()
      }
    },
    async *stream<T>({ path, body, options }: UpstreamCall) {
      const { deadline, signals } = begin(options)
      const streamOptions = { ...(body.stream_options as object | undefined), include_usage: true }
      const streamBody = { ...body, stream: true, stream_options: streamOptions }
      try {
        const request = { path, body: streamBody, deadline, signal: options?.signal, isStream: true }
        const response = await postUpstream(target, request)
        yield* readSseChunks<T>(response, { deadline, idleTimeoutMs: timeouts.idleTimeoutMs, signals })
      } finally {
        deadline.clear()
      }
    },
  }
}
