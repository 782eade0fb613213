import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { startHttpServer } from './startHttpServer.ts'

describe('startHttpServer with TLS', () => {
  it('behavior: serves HTTPS with the configured PEM certificate and key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'decai-tls-'))
    const certFile = join(dir, 'cert.pem')
    const keyFile = join(dir, 'key.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    )
    const app = new Hono().get('/healthz', (c) => c.json({ status: 'ok' }))
    const server = await startHttpServer({ app, host: '127.0.0.1', port: 0, tls: { certFile, keyFile } })
    try {
      expect(server.url.startsWith('https://127.0.0.1:')).toBe(true)
      const body = await new Promise<string>((resolve, reject) => {
        request(`${server.url}/healthz`, { rejectUnauthorized: false }, (response) => {
          let text = ''
          response.on('data', (part: Buffer) => {
            text += part.toString()
          })
          response.on('end', () => resolve(text))
        })
          .on('error', reject)
          .end()
      })
      expect(JSON.parse(body)).toEqual({ status: 'ok' })
    } finally {
      await server.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
