import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { urlToHttpOptions } from 'node:url'
import { drainBody } from './drainBody.ts'
import type { UpstreamDeadline, UpstreamReply, UpstreamTransport } from './upstreamTransport.ts'

export type CreateKeepAliveTransportParameters = {
  /** Sockets per upstream origin. Default 256. */
  maxSockets?: number
}

type Target = {
  protocol: string
  hostname: string | undefined
  port: number | string | undefined
  path: string | undefined
  auth: string | undefined
  agent: HttpAgent
  send: typeof httpRequest
}

// A backend calls one or two URLs; the bound only keeps a misuse from growing the cache forever.
const MAX_TARGETS = 64

/**
 * A transport on `node:http(s)` with keep-alive agents, for deployments that want Node's own HTTP client
 * (its proxy-agent ecosystem, its diagnostics). The default is `createUndiciTransport`, which costs less
 * CPU per relay (docs/relayminer.md, "Performance"). URLs are parsed once; signals get a plain listener each.
 *
 * @param parameters - sockets per origin
 * @returns the transport
 * @example
 * createUpstreamBackend({ baseUrl, transport: createKeepAliveTransport({ maxSockets: 64 }) })
 */
export function createKeepAliveTransport(
  parameters: CreateKeepAliveTransportParameters = {},
): UpstreamTransport {
  const maxSockets = parameters.maxSockets ?? 256
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets }),
  }
  const targets = new Map<string, Target>()
  const targetOf = (url: string): Target => {
    let target = targets.get(url)
    if (target === undefined) {
      const options = urlToHttpOptions(new URL(url))
      const isHttps = options.protocol === 'https:'
      target = {
        protocol: options.protocol ?? 'http:',
        hostname: options.hostname ?? undefined,
        port: options.port ?? undefined,
        path: options.path ?? undefined,
        auth: options.auth ?? undefined,
        agent: isHttps ? agents.https : agents.http,
        send: isHttps ? httpsRequest : httpRequest,
      }
      if (targets.size >= MAX_TARGETS) targets.clear()
      targets.set(url, target)
    }
    return target
  }
  return (request) =>
    new Promise<UpstreamReply>((resolve, reject) => {
      for (const signal of request.signals) if (signal.aborted) return reject(signal.reason)
      if (request.deadline?.aborted) return reject(request.deadline.reason)
      const target = targetOf(request.url)
      const headers = { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) }
      // A literal of the same shape every time (no spread of the parsed URL): http.request copies it anyway.
      const options: RequestOptions = {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        auth: target.auth,
        agent: target.agent,
        method: 'POST',
        headers,
      }
      const outgoing: WatchedRequest = target.send(options, (incoming) =>
        resolve(new KeepAliveReply(incoming)),
      )
      outgoing.on('error', reject)
      if (request.signals.length > 0 || request.deadline) {
        outgoing[kWatch] = new AbortWatch(outgoing, request.signals, request.deadline)
        outgoing.once('close', releaseWatch)
      }
      outgoing.end(request.body)
    })
}

// This runs once per relay: listeners are objects and module functions, not closures made per call.
const kWatch = Symbol('abortWatch')
type WatchedRequest = ClientRequest & { [kWatch]?: AbortWatch }

/**
 * Until the request closes (its answer read to the end, or destroyed), any signal or the deadline destroys
 * it: before the answer that rejects the request, during the body it fails the read.
 */
class AbortWatch {
  readonly #outgoing: ClientRequest
  readonly #signals: readonly AbortSignal[]
  readonly #deadline: UpstreamDeadline | undefined

  constructor(
    outgoing: ClientRequest,
    signals: readonly AbortSignal[],
    deadline: UpstreamDeadline | undefined,
  ) {
    this.#outgoing = outgoing
    this.#signals = signals
    this.#deadline = deadline
    for (const signal of signals) signal.addEventListener('abort', this)
    deadline?.watch(() => this.handleEvent())
  }

  handleEvent(): void {
    this.#outgoing.destroy(new Error('aborted'))
  }

  release(): void {
    for (const signal of this.#signals) signal.removeEventListener('abort', this)
    this.#deadline?.watch(undefined)
  }
}

function releaseWatch(this: WatchedRequest): void {
  this[kWatch]?.release()
}

class KeepAliveReply implements UpstreamReply {
  readonly status: number
  readonly #incoming: IncomingMessage

  constructor(incoming: IncomingMessage) {
    this.status = incoming.statusCode ?? 502
    this.#incoming = incoming
  }

  // A reader that stops early (at `[DONE]`) must not destroy the body: `finish` may still drain it.
  get body(): AsyncIterable<Uint8Array> {
    return this.#incoming.iterator({ destroyOnReturn: false })
  }

  text(): Promise<string> {
    const incoming = this.#incoming
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.once('end', () =>
        resolve(chunks.length === 1 ? chunks[0]!.toString() : Buffer.concat(chunks).toString()),
      )
      incoming.once('error', reject)
      incoming.once('close', () => {
        if (!incoming.complete) reject(new Error('the body broke off'))
      })
    })
  }

  async cancel(): Promise<void> {
    // Read to the end, the socket goes back to the pool; otherwise the connection must go (an error
    // while it goes has no reader left; unheard, it would crash the process).
    if (!this.#incoming.complete) this.#incoming.on('error', ignore).destroy()
  }

  finish(): Promise<void> {
    return drainBody(this.#incoming)
  }
}

function ignore(): void {}
