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
  if (incoming) return readNodeClientBody(incoming, maxBodyBytes)
  if (Number(c.req.header('content-length')) > maxBodyBytes) throw new BodyTooLargeError({ maxBodyBytes })
  const text = await c.req.text()
  if (Buffer.byteLength(text, 'utf8') > maxBodyBytes) throw new BodyTooLargeError({ maxBodyBytes })
  return text
}

/**
 * Reads Node's request body as UTF-8 text, refused past `maxBodyBytes` (declared or read). Reading
 * stops at the limit: the rest is left unread, and the answer closes the connection.
 *
 * @param incoming - Node's request
 * @param maxBodyBytes - the limit
 * @returns the body
 * @throws {BodyTooLargeError} above the limit; a plain Error when the body broke off (the client left:
 *   the edge answers nothing, as for any client that leaves)
 * @example
 * const text = await readNodeClientBody(request, 1 << 20)
 */
export function readNodeClientBody(incoming: IncomingMessage, maxBodyBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(incoming.headers['content-length']) > maxBodyBytes)
      return reject(new BodyTooLargeError({ maxBodyBytes }))
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBodyBytes) return void chunks.push(chunk)
      incoming.off('data', onData).pause()
      reject(new BodyTooLargeError({ maxBodyBytes }))
    }
    incoming.on('data', onData)
    incoming.once('end', () =>
      resolve(
        chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8'),
      ),
    )
    const onBroken = () => reject(new Error('the request body broke off'))
    incoming.once('error', onBroken)
    incoming.once('close', () => {
      if (!incoming.complete) onBroken()
    })
  })
}
