import type { Readable } from 'node:stream'

// After `[DONE]` a server ends its response at once; more than this, or later, is not worth a connection.
const DRAIN_LIMIT_BYTES = 64 * 1024
const DRAIN_TIMEOUT_MS = 250

/**
 * Reads and drops what is left of a response body, so its keep-alive connection goes back to the pool;
 * destroys it (closing the connection) once more than 64 KiB arrives or it has not ended within 250 ms.
 *
 * @param body - a response body not read to its end
 * @returns once the body has ended or been destroyed
 * @example
 * await drainBody(incoming)
 */
export function drainBody(body: Readable): Promise<void> {
  if (body.readableEnded || body.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    let left = DRAIN_LIMIT_BYTES
    const timer = setTimeout(() => body.destroy(), DRAIN_TIMEOUT_MS)
    body.on('data', (chunk: Buffer) => {
      left -= chunk.length
      if (left < 0) body.destroy()
    })
    body.once('close', () => {
      clearTimeout(timer)
      resolve()
    })
    body.on('error', () => undefined)
    body.resume()
  })
}
