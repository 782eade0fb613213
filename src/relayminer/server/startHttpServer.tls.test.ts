import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { recoverRelayResponseSigner } from '../../protocol/signature/recoverRelayResponseSigner.ts'
import type { RelayJsonAnswer } from '../relay/createRelayService.ts'
import { createInstantBackend } from '../testing/createInstantBackend.ts'
import { createTestNetwork } from '../testing/createTestNetwork.ts'
import { createTestRelayMiner } from '../testing/createTestRelayMiner.ts'
import { startHttpServer } from './startHttpServer.ts'

async function withCertificate(run: (tls: { certFile: string; keyFile: string }) => Promise<void>) {
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
  try {
    await run({ certFile, keyFile })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function send(url: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const options = { rejectUnauthorized: false, method: body === undefined ? 'GET' : 'POST' }
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

describe('startHttpServer with TLS', () => {
  it('behavior: serves HTTPS with the configured PEM certificate and key', async () => {
    await withCertificate(async (tls) => {
      const app = new Hono().get('/healthz', (c) => c.json({ status: 'ok' }))
      const server = await startHttpServer({ app, host: '127.0.0.1', port: 0, tls })
      try {
        expect(server.url.startsWith('https://127.0.0.1:')).toBe(true)
        expect(JSON.parse((await send(`${server.url}/healthz`)).text)).toEqual({ status: 'ok' })
      } finally {
        await server.close()
      }
    })
  })

  it('behavior: relays take the Node fast path over HTTPS too', async () => {
    await withCertificate(async (tls) => {
      const network = createTestNetwork()
      const miner = await createTestRelayMiner({ network, backend: createInstantBackend() })
      const server = await startHttpServer({ app: miner.app, host: '127.0.0.1', port: 0, tls })
      try {
        const { json } = await network.envelope()
        const answer = await send(`${server.url}/v1/relay`, JSON.stringify(json))
        expect(answer.status).toBe(200)
        const { response, responseSignature } = JSON.parse(answer.text) as RelayJsonAnswer
        expect(recoverRelayResponseSigner(network.domain, response, responseSignature)).toBe(
          network.addresses.supplier,
        )
      } finally {
        await server.close()
        await miner.dispose()
      }
    })
  })
})
