import type { IncomingMessage } from 'node:http'
import { InvalidRelayError, RelayBodyTooLargeError } from '../errors.ts'

/**
 * Reads and parses a JSON request body of at most `maxBytes`. On Node's HTTP server it reads the raw
 * `IncomingMessage` directly: wrapping it in a web ReadableStream first (what `c.req.json()` does) costs
 * more CPU per relay than validating it. Elsewhere (`app.request()` in tests) it reads the web body.
 *
 * @param raw - the web request
 * @param incoming - Node's request when served by @hono/node-server (`c.env.incoming`)
 * @param maxBytes - the limit
 * @returns the parsed JSON
 * @throws {RelayBodyTooLargeError} above the limit; {InvalidRelayError} not JSON
 * @example
 * const body = await readJsonBody(c.req.raw, c.env?.incoming, 1 << 20)
 */
export async function readJsonBody(
  raw: Request,
  incoming: IncomingMessage | undefined,
  maxBytes: number,
): Promise<unknown> {
  const declared = Number(raw.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes) throw new RelayBodyTooLargeError({ maxBytes })
  return parseJsonBody(incoming ? await readNodeBody(incoming, maxBytes) : await readWeb(raw, maxBytes))
}

/**
 * Parses a relay body.
 *
 * @param text - the body as text
 * @returns the parsed JSON
 * @throws {InvalidRelayError} not JSON
 * @example
 * const body = parseJsonBody(await readNodeBody(incoming, maxBytes))
 */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new InvalidRelayError({ field: 'body', reason: 'is not JSON' })
  }
}

/**
 * Reads a Node request's body as UTF-8 text, refusing it past `maxBytes` (declared or read).
 *
 * @param incoming - Node's request
 * @param maxBytes - the limit
 * @returns the body
 * @throws {RelayBodyTooLargeError} above the limit; {InvalidRelayError} the body broke off
 * @example
 * const text = await readNodeBody(request, 1 << 20)
 */
export function readNodeBody(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(incoming.headers['content-length']) > maxBytes)
      return reject(new RelayBodyTooLargeError({ maxBytes }))
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBytes) return void chunks.push(chunk)
      incoming.off('data', onData)
      incoming.pause()
      reject(new RelayBodyTooLargeError({ maxBytes }))
    }
    incoming.on('data', onData)
    incoming.once('end', () =>
      resolve(
        chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8'),
      ),
    )
    const onBroken = () => reject(new InvalidRelayError({ field: 'body', reason: 'could not be read' }))
    incoming.once('error', onBroken)
    incoming.once('close', () => {
      if (!incoming.complete) onBroken()
    })
  })
}

async function readWeb(raw: Request, maxBytes: number): Promise<string> {
  const bytes = new Uint8Array(await raw.arrayBuffer())
  if (bytes.length > maxBytes) throw new RelayBodyTooLargeError({ maxBytes })
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')
}
