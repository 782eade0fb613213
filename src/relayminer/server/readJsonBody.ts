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
  const text = incoming ? await readIncoming(incoming, maxBytes) : await readWeb(raw, maxBytes)
  try {
    return JSON.parse(text)
  } catch {
    throw new InvalidRelayError({ field: 'body', reason: 'is not JSON' })
  }
}

function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        incoming.pause()
        reject(new RelayBodyTooLargeError({ maxBytes }))
      } else chunks.push(chunk)
    })
    incoming.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')))
    incoming.once('error', () =>
      reject(new InvalidRelayError({ field: 'body', reason: 'could not be read' })),
    )
  })
}

async function readWeb(raw: Request, maxBytes: number): Promise<string> {
  const bytes = new Uint8Array(await raw.arrayBuffer())
  if (bytes.length > maxBytes) throw new RelayBodyTooLargeError({ maxBytes })
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')
}
