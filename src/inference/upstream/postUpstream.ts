import { BaseError } from '../../protocol/errors/BaseError.ts'
import {
  BackendTimeoutError,
  InferenceAbortedError,
  UpstreamError,
  UpstreamUnreachableError,
} from '../errors.ts'
import type { UpstreamDeadline, UpstreamReply, UpstreamTransport } from './upstreamTransport.ts'

/** Where and how to reach an OpenAI-compatible server. */
export type UpstreamTarget = {
  /** The base URL without trailing slashes. */
  baseUrl: string
  headers: Record<string, string>
  transport: UpstreamTransport
  /** Cancels every request when the backend closes. */
  closeSignal: AbortSignal
}

/**
 * A timer that cancels the upstream request with `BackendTimeoutError` unless re-armed in time. It is not an
 * AbortSignal: it runs once per relay, and on Node 20 a signal costs microseconds and a kilobyte and a
 * half of garbage; it has a signal's `aborted` and `reason`, so failures map the same way.
 */
export type Deadline = UpstreamDeadline & { arm(timeoutMs: number): void; clear(): void }

/** Something that may have cancelled a request: a signal or the deadline. */
export type AbortSource = { readonly aborted: boolean; readonly reason: unknown }

// Upstream error bodies can be large HTML pages; logs only need the start.
const maxErrorBodyChars = 500

/**
 * A re-armable deadline: streaming arms it once for the response headers, then again for every chunk.
 *
 * @param timeoutMs - the first deadline.
 * @returns the deadline.
 * @example
 * const deadline = createDeadline(60_000); deadline.arm(30_000); deadline.clear()
 */
export function createDeadline(timeoutMs: number): Deadline {
  let timer: NodeJS.Timeout | undefined
  let reason: BackendTimeoutError | undefined
  let onExpire: (() => void) | undefined
  const deadline: Deadline = {
    get aborted() {
      return reason !== undefined
    },
    get reason() {
      return reason
    },
    watch(listener) {
      onExpire = listener
    },
    arm(ms) {
      clearTimeout(timer)
      timer = setTimeout(() => {
        reason = new BackendTimeoutError({ timeoutMs: ms })
        onExpire?.()
      }, ms)
    },
    clear() {
      clearTimeout(timer)
    },
  }
  deadline.arm(timeoutMs)
  return deadline
}

/**
 * POSTs a JSON body and returns the answer once its status is a success.
 *
 * @param target - server, headers, transport and the backend's close signal.
 * @param request - path (e.g. `/chat/completions`), body, deadline and the caller's signal.
 * @returns the answer (body not yet read).
 * @throws {UpstreamError} for a non-2xx status (with the start of its body in `details`).
 * @throws {BackendTimeoutError | InferenceAbortedError | BackendClosedError | UpstreamUnreachableError}
 * @example
 * const reply = await postUpstream(target, { path: '/chat/completions', body, deadline })
 */
export async function postUpstream(
  target: UpstreamTarget,
  request: { path: string; body: unknown; deadline: Deadline; signal?: AbortSignal; isStream?: boolean },
): Promise<UpstreamReply> {
  const url = `${target.baseUrl}${request.path}`
  const signals = request.signal ? [target.closeSignal, request.signal] : [target.closeSignal]
  let reply: UpstreamReply
  try {
    reply = await target.transport({
      url,
      headers: {
        'content-type': 'application/json',
        accept: request.isStream ? 'text/event-stream' : 'application/json',
        ...target.headers,
      },
      body: JSON.stringify(request.body),
      signals,
      deadline: request.deadline,
    })
  } catch (error) {
    throw toUpstreamFailure(
      error,
      [request.deadline, ...signals],
      () => new UpstreamUnreachableError({ url: safeOrigin(url), cause: error }),
    )
  }
  if (reply.status < 200 || reply.status > 299) {
    const text = await reply.text().catch(() => '')
    throw new UpstreamError({ status: reply.status, details: text.slice(0, maxErrorBodyChars) })
  }
  return reply
}

/**
 * Maps a failure during a request to the typed error of whichever source fired first, or to `fallback`.
 *
 * @param error - what the transport or the body read threw.
 * @param signals - the deadline, then the close and caller signals.
 * @param fallback - the error when none fired (network failure).
 * @returns the typed error.
 * @example
 * throw toUpstreamFailure(error, [deadline], () => new UpstreamError({ status: 0 }))
 */
export function toUpstreamFailure(
  error: unknown,
  signals: readonly AbortSource[],
  fallback: () => BaseError,
): BaseError {
  if (error instanceof BaseError) return error
  const fired = signals.find((signal) => signal.aborted)
  if (!fired) return fallback()
  if (fired.reason instanceof BaseError) return fired.reason
  return new InferenceAbortedError({ cause: fired.reason })
}

// Never echo credentials embedded in a URL (user:pass@host) into messages or logs.
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return '(invalid URL)'
  }
}
