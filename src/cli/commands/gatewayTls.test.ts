import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadGatewayConfig } from '../../gateway/config/loadGatewayConfig.ts'
import { startFakeGateway } from '../../gateway/testing/startFakeGateway.ts'
import { sendInsecure, withTestCertificate } from '../../relayminer/testing/withTestCertificate.ts'
import { listenGateway } from './gateway.ts'

const gatewayKey = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const config = (tls: string) =>
  [
    'mode: delegated',
    'gatewayKeyEnv: GW',
    'applications: [{ address: "0x00000000000000000000000000000000000000AA", serviceId: tiny }]',
    'chain: { rpcUrl: "http://127.0.0.1:8545", manifestFile: deployment.json }',
    'store: { dir: data }',
    `server: { port: 0, tls: ${tls} }`,
  ].join('\n')

const stops: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

describe('gateway over HTTPS (server.tls)', () => {
  it('behavior: certificate paths are read relative to the config file; a missing one stops the load with its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decai-gw-tls-'))
    writeFileSync(join(dir, 'cert.pem'), 'pem')
    writeFileSync(join(dir, 'key.pem'), 'pem')
    writeFileSync(join(dir, 'gateway.yaml'), config('{ certFile: cert.pem, keyFile: key.pem }'))
    const loaded = await loadGatewayConfig({ file: join(dir, 'gateway.yaml'), env: { GW: gatewayKey } })
    expect(loaded.server.tls).toEqual({ certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') })

    writeFileSync(join(dir, 'gateway.yaml'), config('{ certFile: cert.pem, keyFile: missing.pem }'))
    await expect(
      loadGatewayConfig({ file: join(dir, 'gateway.yaml'), env: { GW: gatewayKey } }),
    ).rejects.toMatchObject({
      code: 'GATEWAY_INVALID_CONFIG',
      details: expect.stringContaining(join(dir, 'missing.pem')),
    })
  })

  it('behavior: decai gateway start serves the OpenAI API over HTTPS with the configured certificate', async () => {
    await withTestCertificate(async (tls) => {
      const { gateway } = await startFakeGateway()
      stops.push(() => gateway.stop())
      const server = await listenGateway(gateway, {
        host: '127.0.0.1',
        port: 0,
        maxBodyBytes: 1_048_576,
        tls,
      })
      stops.push(() => server.close())
      expect(server.url.startsWith('https://127.0.0.1:')).toBe(true)
      const { key } = await gateway.keyStore!.create({ name: 'tls' })
      const body = JSON.stringify({
        model: 'llama-tiny',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      const answer = await sendInsecure(`${server.url}/v1/chat/completions`, body, {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
      })
      expect(answer.status, answer.text).toBe(200)
      expect(JSON.parse(answer.text)).toMatchObject({
        object: 'chat.completion',
        choices: [expect.anything()],
      })
      // Plain HTTP on the same port gets no API.
      await expect(fetch(server.url.replace('https:', 'http:') + '/v1/models')).rejects.toThrow()
    })
  })
})
