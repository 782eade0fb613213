/**
 * The load generator's HTTP client: `node:http` with keep-alive, the cheapest client Node has, so the
 * client's own CPU takes as little as possible from the servers measured on the same cores. Every path
 * of the benchmark goes through it.
 */
import { Agent, request } from 'node:http'

const agent = new Agent({ keepAlive: true, maxSockets: 256 })

/**
 * POSTs a body and reads the whole answer (a stream to its end).
 *
 * @param url - the URL
 * @param headers - extra headers
 * @param body - the JSON text
 * @returns the status and the body text
 */
export function post(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.once('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        )
        response.once('error', reject)
      },
    )
    outgoing.once('error', reject)
    outgoing.end(body)
  })
}
