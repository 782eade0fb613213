import type { SupplierReply, SupplierTransport } from '../ports.ts'
import { parseSseStream } from './parseSseStream.ts'

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
 * Sends relays over HTTP with `fetch` (undici keeps connections alive per origin). A JSON answer is
 * read whole; an SSE answer is handed back as parsed events, read as the supplier writes them.
 *
 * @param options - `fetch` to use (tests pass an in-process one)
 * @returns the transport
 * @example
 * const transport = createHttpSupplierTransport()
 * const reply = await transport.send(endpoint, relay.json, { signal, requestId })
 */
export function createHttpSupplierTransport(options: { fetch?: typeof fetch } = {}): SupplierTransport {
  const fetchFn = options.fetch ?? fetch
  return {
    async send(endpoint, envelope, { signal, requestId }): Promise<SupplierReply> {
      const response = await fetchFn(relayUrlOf(endpoint), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify(envelope),
        signal,
      })
      const type = response.headers.get('content-type') ?? ''
      if (type.startsWith('text/event-stream') && response.body)
        return {
          kind: 'stream',
          status: response.status,
          events: parseSseStream(response.body as unknown as AsyncIterable<Uint8Array>),
        }
      const text = await response.text()
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        body = undefined
      }
      return { kind: 'json', status: response.status, body }
    },
  }
}
