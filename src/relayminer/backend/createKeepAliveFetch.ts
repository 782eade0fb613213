import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { Readable } from 'node:stream'

/**
 * A `fetch` for the upstream backend built on Node's `http` with keep-alive agents. The global fetch
 * (undici's WHATWG implementation) costs several times more CPU per call than `http.request`, and the
 * upstream call is on every relay's path. It implements what an OpenAI-style POST needs: method, headers,
 * a string body, an abort signal; a buffered body for JSON answers and a streamed one for SSE.
 *
 * @param options - sockets per upstream origin (default 256)
 * @returns a function with fetch's signature
 * @example
 * createUpstreamBackend({ baseUrl, fetch: createKeepAliveFetch() })
 */
export function createKeepAliveFetch(options: { maxSockets?: number } = {}): typeof fetch {
  const maxSockets = options.maxSockets ?? 256
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets }),
  }
  return ((input: string | URL | Request, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
      const isHttps = url.protocol === 'https:'
      const signal = init.signal ?? undefined
      if (signal?.aborted) return reject(signal.reason)
      const send = isHttps ? httpsRequest : httpRequest
      const request = send(
        url,
        {
          method: init.method ?? 'GET',
          headers: toHeaderRecord(init.headers),
          agent: isHttps ? agents.https : agents.http,
        },
        (response) => toResponse(response).then(resolve, reject),
      )
      const onAbort = () =>
        request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'))
      signal?.addEventListener('abort', onAbort, { once: true })
      request.once('close', () => signal?.removeEventListener('abort', onAbort))
      request.once('error', reject)
      request.end(typeof init.body === 'string' ? init.body : undefined)
    })) as typeof fetch
}

function toHeaderRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {}
  new Headers(headers).forEach((value, key) => {
    record[key] = value
  })
  return record
}

function toResponse(message: IncomingMessage): Promise<Response> {
  const status = message.statusCode ?? 502
  const headers = new Headers()
  for (const [key, value] of Object.entries(message.headers))
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value)
  // Statuses that carry no body cannot be given one.
  if (status === 204 || status === 304) {
    message.resume()
    return Promise.resolve(new Response(null, { status, headers }))
  }
  if ((headers.get('content-type') ?? '').includes('text/event-stream'))
    return Promise.resolve(
      new Response(Readable.toWeb(message) as ReadableStream<Uint8Array>, { status, headers }),
    )
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    message.on('data', (chunk: Buffer) => chunks.push(chunk))
    message.once('end', () => resolve(new Response(Buffer.concat(chunks), { status, headers })))
    message.once('error', reject)
  })
}
