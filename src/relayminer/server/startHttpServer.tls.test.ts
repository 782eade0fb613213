import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { recoverRelayResponseSigner } from '../../protocol/signature/recoverRelayResponseSigner.ts'
import type { RelayJsonAnswer } from '../relay/createRelayService.ts'
import { createInstantBackend } from '../testing/createInstantBackend.ts'
import { createTestNetwork } from '../testing/createTestNetwork.ts'
import { createTestRelayMiner } from '../testing/createTestRelayMiner.ts'
import { sendInsecure, withTestCertificate } from '../testing/withTestCertificate.ts'
import { startHttpServer } from './startHttpServer.ts'

describe('startHttpServer with TLS', () => {
  it('behavior: serves HTTPS with the configured PEM certificate and key', async () => {
    await withTestCertificate(async (tls) => {
      const app = new Hono().get('/healthz', (c) => c.json({ status: 'ok' }))
      const server = await startHttpServer({ app, host: '127.0.0.1', port: 0, tls })
      try {
        expect(server.url.startsWith('https://127.0.0.1:')).toBe(true)
        expect(JSON.parse((await sendInsecure(`${server.url}/healthz`)).text)).toEqual({ status: 'ok' })
      } finally {
        await server.close()
      }
    })
  })

  it('behavior: relays take the Node fast path over HTTPS too', async () => {
    await withTestCertificate(async (tls) => {
      const network = createTestNetwork()
      const miner = await createTestRelayMiner({ network, backend: createInstantBackend() })
      const server = await startHttpServer({ app: miner.app, host: '127.0.0.1', port: 0, tls })
      try {
        const { json } = await network.envelope()
        const answer = await sendInsecure(`${server.url}/v1/relay`, JSON.stringify(json))
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
