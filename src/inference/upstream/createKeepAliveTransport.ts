import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { urlToHttpOptions } from 'node:url'
import type { UpstreamReply, UpstreamTransport } from './upstreamTransport.ts'

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
 * The upstream backend's default transport: `node:http(s)` with keep-alive agents. Why not `fetch`: on
 * Node 20 undici's WHATWG Request, Headers, Response and body streams, plus `AbortSignal.any`, cost
 * several times the CPU of `http.request` per call, and the upstream call is on every relay's path
 * (docs/relayminer.md, "Figures"). URLs are parsed once; signals get a plain listener each.
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
      const fired = request.signals.find((signal) => signal.aborted)
      if (fired) return reject(fired.reason)
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
      const outgoing = target.send(options)
      outgoing.once('response', (incoming) => resolve(toReply(incoming)))
      outgoing.once('error', reject)
      abortOnSignals(outgoing, request.signals)
      outgoing.end(request.body)
    })
}

// Until the request closes (its answer read to the end, or destroyed), any signal destroys it: before the
// answer that rejects the request, during the body it fails the read.
function abortOnSignals(outgoing: ClientRequest, signals: readonly AbortSignal[]): void {
  const onAbort = () => outgoing.destroy(new Error('aborted'))
  for (const signal of signals) signal.addEventListener('abort', onAbort, { once: true })
  outgoing.once('close', () => {
    for (const signal of signals) signal.removeEventListener('abort', onAbort)
  })
}

function toReply(incoming: IncomingMessage): UpstreamReply {
  return {
    status: incoming.statusCode ?? 502,
    text: () => readText(incoming),
    body: incoming,
    async cancel() {
      // Read to the end, the socket goes back to the pool; otherwise the connection must go.
      if (!incoming.complete) incoming.destroy()
    },
  }
}

function readText(incoming: IncomingMessage): Promise<string> {
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
