import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Runs `run` with a fresh self-signed certificate for 127.0.0.1 (P-256, one day, made by openssl in a
 * temporary folder that is removed afterwards), for tests of servers configured with `tls`.
 *
 * @example
 * await withTestCertificate(async (tls) => { const server = await startHttpServer({ app, port: 0, tls }) })
 */
export async function withTestCertificate(
  run: (tls: { certFile: string; keyFile: string }) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'decai-tls-'))
  const certFile = join(dir, 'cert.pem')
  const keyFile = join(dir, 'key.pem')
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', keyFile, '-out', certFile],
    ],
    { stdio: 'ignore' },
  )
  try {
    await run({ certFile, keyFile })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * One HTTPS request that accepts the test's self-signed certificate: GET without a body, POST with one.
 *
 * @example
 * const { status, text } = await sendInsecure(`${server.url}/healthz`)
 */
export function sendInsecure(
  url: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const options = { rejectUnauthorized: false, method: body === undefined ? 'GET' : 'POST', headers }
    request(url, options, (response) => {
      let text = ''
      response.on('data', (part: Buffer) => {
        text += part.toString()
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }))
    })
      .on('error', reject)
      .end(body)
  })
}
