import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import { BodyTooLargeError } from '../errors.ts'

/**
 * Reads a client's request body as text, refused with `BodyTooLargeError` (413) above `maxBodyBytes`:
 * at once when `content-length` declares more, else as soon as more arrived. Served by
 * @hono/node-server it reads Node's `IncomingMessage` (`c.env.incoming`) directly: going through
 * `c.req` would build a WHATWG Request and a web stream around it, which cost more CPU per request than
 * the gateway's own checks. Elsewhere (`app.request()` in tests) it reads the web request.
 *
 * @param c - the Hono context
 * @param maxBodyBytes - the limit
 * @returns the body
 * @throws {BodyTooLargeError} above the limit
 * @example
 * const text = await readClientBody(c, config.server.maxBodyBytes)
 */
export async function readClientBody(c: Context, maxBodyBytes: number): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  if (Number(c.req.header('content-length')) > maxBodyBytes) throw new BodyTooLargeError({ maxBodyBytes })
  if (!incoming) {
    const text = await c.req.text()
    if (Buffer.byteLength(text, 'utf8') > maxBodyBytes) throw new BodyTooLargeError({ maxBodyBytes })
    return text
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      chunks.push(chunk)
      if (size <= maxBodyBytes) return
      // The rest is drained by the server adapter once the 413 is sent.
      incoming.off('data', onData).pause()
      reject(new BodyTooLargeError({ maxBodyBytes }))
    }
    incoming.on('data', onData)
    incoming.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')))
    incoming.once('error', reject)
  })
}
