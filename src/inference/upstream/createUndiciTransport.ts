import { EventEmitter } from 'node:events'
import { Agent, type Dispatcher } from 'undici'
import { drainBody } from './drainBody.ts'
import type { UpstreamDeadline, UpstreamReply, UpstreamTransport } from './upstreamTransport.ts'

export type CreateUndiciTransportParameters = {
  /** Connections per upstream origin. Default 256. */
  maxSockets?: number
}

type Target = { origin: string; path: string; authorization: string | undefined }

// A backend calls one or two URLs; the bound only keeps a misuse from growing the cache forever.
const MAX_TARGETS = 64

/**
 * The upstream backend's default transport: undici's `Agent` (a keep-alive pool per origin, HTTP/1.1
 * parsed by llhttp). Why: measured on the relay path (docs/relayminer.md, "Performance"), a request costs
 * about half the CPU of `node:http`'s `ClientRequest` and `IncomingMessage`, and far less than `fetch`,
 * whose WHATWG objects and `AbortSignal.any` cost several times more. URLs are parsed once; credentials in
 * a URL (`user:pass@host`) become a Basic `authorization` header, as `node:http` would send them.
 *
 * @param parameters - connections per origin
 * @returns the transport
 * @example
 * createUpstreamBackend({ baseUrl, transport: createUndiciTransport({ maxSockets: 64 }) })
 */
export function createUndiciTransport(parameters: CreateUndiciTransportParameters = {}): UpstreamTransport {
  const agent = new Agent({ connections: parameters.maxSockets ?? 256 })
  const targets = new Map<string, Target>()
  const targetOf = (url: string): Target => {
    let target = targets.get(url)
    if (target === undefined) {
      const parsed = new URL(url)
      const credentials = parsed.username
        ? `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`
        : undefined
      target = {
        origin: parsed.origin,
        path: `${parsed.pathname}${parsed.search}`,
        authorization: credentials && `Basic ${Buffer.from(credentials).toString('base64')}`,
      }
      if (targets.size >= MAX_TARGETS) targets.clear()
      targets.set(url, target)
    }
    return target
  }
  return async (request) => {
    for (const signal of request.signals) if (signal.aborted) throw signal.reason
    if (request.deadline?.aborted) throw request.deadline.reason
    const target = targetOf(request.url)
    const watch =
      request.signals.length > 0 || request.deadline
        ? new AbortWatch(request.signals, request.deadline)
        : undefined
    const headers =
      target.authorization && request.headers.authorization === undefined
        ? { ...request.headers, authorization: target.authorization }
        : request.headers
    let answer: Dispatcher.ResponseData
    try {
      answer = await agent.request({
        origin: target.origin,
        path: target.path,
        method: 'POST',
        headers,
        body: request.body,
        signal: watch,
      })
    } catch (error) {
      // An abort rejects with the watch's reason (undici reads `reason` off the emitter).
      watch?.release()
      throw error
    }
    if (watch) answer.body.once('close', () => watch.release())
    return new UndiciReply(answer)
  }
}

/**
 * What undici listens on for cancellation: one emitter per request, fed by the request's signals and the
 * backend deadline, instead of `AbortSignal.any` (which on Node 20 costs microseconds and garbage per
 * call). undici accepts any emitter with `aborted` and an `abort` event. Released when the body closes.
 */
class AbortWatch extends EventEmitter {
  aborted = false
  reason: unknown = undefined
  readonly #signals: readonly AbortSignal[]
  readonly #deadline: UpstreamDeadline | undefined

  constructor(signals: readonly AbortSignal[], deadline: UpstreamDeadline | undefined) {
    super()
    this.#signals = signals
    this.#deadline = deadline
    for (const signal of signals) signal.addEventListener('abort', this)
    deadline?.watch(() => this.#fire(deadline.reason))
  }

  handleEvent(event: Event): void {
    this.#fire((event.target as AbortSignal).reason)
  }

  #fire(reason: unknown): void {
    if (this.aborted) return
    this.aborted = true
    this.reason = reason
    this.emit('abort')
  }

  release(): void {
    for (const signal of this.#signals) signal.removeEventListener('abort', this)
    this.#deadline?.watch(undefined)
  }
}

class UndiciReply implements UpstreamReply {
  readonly status: number
  readonly #body: Dispatcher.ResponseData['body']

  constructor(answer: Dispatcher.ResponseData) {
    this.status = answer.statusCode
    this.#body = answer.body
  }

  // A reader that stops early (at `[DONE]`) must not destroy the body: `finish` may still drain it.
  get body(): AsyncIterable<Uint8Array> {
    return this.#body.iterator({ destroyOnReturn: false })
  }

  text(): Promise<string> {
    return this.#body.text()
  }

  async cancel(): Promise<void> {
    // Read to the end, the connection goes back to the pool; otherwise it must go. undici emits an
    // 'error' (Request aborted) on a body destroyed before its end: nobody reads it any more, and an
    // error nobody listens to would crash the process.
    if (!this.#body.readableEnded) this.#body.on('error', ignore).destroy()
  }

  finish(): Promise<void> {
    return drainBody(this.#body)
  }
}

function ignore(): void {}
