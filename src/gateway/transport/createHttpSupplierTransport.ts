import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Socket } from 'node:net'
import { parseSseStream } from '../../protocol/sse/parseSseStream.ts'
import type { SupplierReply, SupplierTransport } from '../ports.ts'

/**
 * The relay URL for a supplier's registered endpoint: the endpoint itself when it already names
 * `/relay`, `<endpoint>/relay` when it ends in `/v1`, else `<endpoint>/v1/relay`.
 *
 * @param endpoint - the endpoint registered on-chain
 * @returns the URL to POST relays to
 * @example
 * relayUrlOf('http://127.0.0.1:8081') // 'http://127.0.0.1:8081/v1/relay'
 */
export function relayUrlOf(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '')
  if (base.endsWith('/relay')) return base
  return base.endsWith('/v1') ? `${base}/relay` : `${base}/v1/relay`
}

/**
 * Sends relays over HTTP(S) with `node:http` and keep-alive agents. Why not `fetch`: on Node 20 each
 * `fetch` builds WHATWG Request, Response and stream objects, which cost more than the rest of the
 * gateway's per-request work; a response here is read as a plain `IncomingMessage`. A JSON answer is
 * read whole; an SSE answer is handed back as parsed events, read as the supplier writes them.
 *
 *
 * A connection that is not established within `connectTimeoutMs` fails as a connection error: a host cut
 * off the network drops the handshake silently, and the OS would wait minutes. With
 * `acknowledgeTimeoutMs` the relayminer is asked for a `102 Processing` once it has validated the relay.
 *
 * @param options - sockets kept per supplier origin (default 256), connect timeout (default 3 s)
 * @returns the transport
 * @example
 * const transport = createHttpSupplierTransport()
 * const reply = await transport.send(endpoint, relay.json, { signal, requestId })
 */
export function createHttpSupplierTransport(
  options: { maxSocketsPerOrigin?: number; connectTimeoutMs?: number } = {},
): SupplierTransport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSocketsPerOrigin ?? 256 }
  const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) }
  const connectTimeoutMs = options.connectTimeoutMs ?? 3_000
  return {
    send(endpoint, envelope, { signal, requestId, acknowledgeTimeoutMs }) {
      const url = new URL(relayUrlOf(endpoint))
      const body = JSON.stringify(envelope)
      const isHttps = url.protocol === 'https:'
      return new Promise<SupplierReply>((resolve, reject) => {
        let reply: IncomingMessage | undefined
        // Destroyed without an error argument: an 'error' event on a socket already back in the
        // agent's pool would have no listener. The reader then sees the stream end early.
        const onAbort = () => {
          reply?.destroy()
          request.destroy()
        }
        const forgetAbort = () => signal.removeEventListener('abort', onAbort)
        const request = (isHttps ? httpsRequest : httpRequest)(
          url,
          {
            method: 'POST',
            agent: isHttps ? agents.https : agents.http,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              'x-request-id': requestId,
              ...(acknowledgeTimeoutMs === undefined ? {} : { 'x-decai-processing': '1' }),
            },
          },
          (response) => {
            clearTimeout(unacknowledged)
            reply = response
            // Errors after the reply started reach the reader through iteration.
            response.on('error', () => undefined)
            response.once('end', forgetAbort)
            void readReply(response).then(resolve, reject)
          },
        )
        // `on`, not `once`: a socket error after the promise settled is expected (an aborted stream).
        request.on('error', reject)
        request.once('close', () => {
          forgetAbort()
          clearTimeout(unacknowledged)
        })
        request.once('socket', (socket) => limitConnectTime(socket, connectTimeoutMs))
        const unacknowledged =
          acknowledgeTimeoutMs === undefined
            ? undefined
            : setTimeout(
                () => request.destroy(unacknowledgedError(acknowledgeTimeoutMs)),
                acknowledgeTimeoutMs,
              )
        request.once('information', () => clearTimeout(unacknowledged))
        if (signal.aborted) onAbort()
        else signal.addEventListener('abort', onAbort, { once: true })
        request.end(body)
      })
    },
  }
}

// A socket still connecting after the limit is destroyed: its request fails with a connection error.
function limitConnectTime(socket: Socket, timeoutMs: number): void {
  if (!socket.connecting) return
  const timer = setTimeout(() => socket.destroy(connectTimeoutError(timeoutMs)), timeoutMs)
  socket.once('connect', () => clearTimeout(timer))
  socket.once('close', () => clearTimeout(timer))
}

// Plain errors, classified by name like undici's: a connect timeout is a connection failure, a missing
// acknowledgement a timeout (routing/classifyFailure.ts). They never reach a client as they are.
function connectTimeoutError(timeoutMs: number): Error {
  return Object.assign(new Error(`no connection within ${timeoutMs} ms`), { code: 'ECONNTIMEOUT' })
}

function unacknowledgedError(timeoutMs: number): Error {
  return new DOMException(`the supplier did not acknowledge the relay within ${timeoutMs} ms`, 'TimeoutError')
}

async function readReply(response: IncomingMessage): Promise<SupplierReply> {
  const status = response.statusCode ?? 0
  if ((response.headers['content-type'] ?? '').startsWith('text/event-stream'))
    return { kind: 'stream', status, events: parseSseStream(response) }
  const chunks: Buffer[] = []
  for await (const chunk of response) chunks.push(chunk as Buffer)
  let body: unknown
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    body = undefined
  }
  return { kind: 'json', status, body }
}
