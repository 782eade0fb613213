import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGatewayRelayWrapper } from '../../src/cli/watcher/createGatewayRelayWrapper.ts'
import { getTestModel, removeTestModels } from '../../src/inference/embedded/testModel.ts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../src/inference/index.ts'
import { createTestNetwork, type TestNetwork } from '../../src/relayminer/testing/createTestNetwork.ts'
import {
  createTestRelayMiner,
  type TestRelayMiner,
} from '../../src/relayminer/testing/createTestRelayMiner.ts'
import { defaultCalibration, evaluateProbe, type ProbeTransport } from '../../src/watcher/index.ts'
import {
  createRelayProbeTransport,
  relayUrlOf,
} from '../../src/watcher/transport/createRelayProbeTransport.ts'

// The CLI's transport against a real relayminer (memory ledger, served on loopback) serving a tiny model:
// probes travel as signed relays signed by the gateway the application delegated to, like ordinary traffic.
let network: TestNetwork
let backend: EmbeddedBackend
let miner: TestRelayMiner
let transport: ProbeTransport
let server: ServerType
let tamper: ((text: string) => string) | undefined

beforeAll(async () => {
  network = createTestNetwork()
  const model = await getTestModel({ seed: 42 })
  backend = await createEmbeddedBackend({ modelPath: model.path, expectedSha256: model.sha256 })
  miner = await createTestRelayMiner({ network, backend })
  // The miner on loopback, behind a hook that can alter its answers on the way.
  server = serve({
    fetch: async (request) => {
      const response = await miner.app.fetch(request)
      if (!tamper) return response
      const headers = new Headers(response.headers)
      headers.delete('content-length')
      return new Response(tamper(await response.text()), { status: response.status, headers })
    },
    hostname: '127.0.0.1',
    port: 0,
  })
  await new Promise((resolve) => server.once('listening', resolve))
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  transport = createRelayProbeTransport({
    routes: {
      resolve: async () => ({ domain: network.domain, header: await network.currentHeader(), endpoint }),
    },
    wrapper: createGatewayRelayWrapper({
      signerKey: network.keys.gateway,
      routing: {
        maxInputTokens: 8192,
        maxOutputTokens: 4096,
        defaultMaxOutputTokens: 64,
        acknowledgeTimeoutMs: 0,
      },
    }),
  })
})

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await miner?.dispose()
  await backend?.close()
  await removeTestModels()
})

const target = () => ({ supplier: network.addresses.supplier, serviceId: network.serviceId })
const probe = (stream: boolean) => ({
  model: network.serviceId,
  messages: [{ role: 'user' as const, content: 'How do I keep basil alive on a windowsill?' }],
  temperature: 0,
  max_tokens: 24,
  logprobs: true,
  top_logprobs: 0,
  ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
})

describe('createRelayProbeTransport', () => {
  it('behavior: a JSON relay answer is verified and carries the signed usage', async () => {
    const exchange = await transport.send(target(), probe(false), { signal: AbortSignal.timeout(30_000) })
    if (!exchange.isOk) throw new Error(`probe failed: ${exchange.code}`)
    expect(exchange.content.length).toBeGreaterThan(0)
    expect(exchange.signedUsage).toMatchObject({
      outputTokens: 24,
      inputTokens: exchange.usage!.prompt_tokens,
    })
    const outcome = await evaluateProbe({
      request: probe(false),
      exchange,
      reference: backend,
      judgement: {
        ...defaultCalibration,
        identity: defaultCalibration.identity.tolerances,
        metering: defaultCalibration.metering.tolerances,
        objectives: {},
      },
    })
    expect(outcome.identity).toMatchObject({ violations: 0, logprobDeviations: 0 })
    expect(outcome.metering?.proofs).toEqual([])
  })

  it('behavior: a streamed answer is hashed chunk by chunk, verified against its trailer, and timed', async () => {
    const exchange = await transport.send(target(), probe(true), { signal: AbortSignal.timeout(30_000) })
    if (!exchange.isOk) throw new Error(`probe failed: ${exchange.code}`)
    expect(exchange.timing.firstContentAtMs).toBeGreaterThanOrEqual(exchange.timing.sentAtMs)
    expect(exchange.usage?.completion_tokens).toBe(24)
    expect(exchange.logprobs).toHaveLength(24)
  })

  it('error: an answer altered on the way fails as the supplier’s fault', async () => {
    tamper = (text) => text.replace(/"content":"([^"]{2})/, '"content":"zz')
    try {
      const exchange = await transport.send(target(), probe(false), { signal: AbortSignal.timeout(30_000) })
      expect(exchange).toMatchObject({ isOk: false, code: 'WATCHER_PROBE_FAILED', fault: 'supplier' })
    } finally {
      tamper = undefined
    }
  })

  it('behavior: relay URLs follow the gateway rule', () => {
    expect(relayUrlOf('http://a:1')).toBe('http://a:1/v1/relay')
    expect(relayUrlOf('http://a:1/v1/')).toBe('http://a:1/v1/relay')
    expect(relayUrlOf('http://a:1/x/relay')).toBe('http://a:1/x/relay')
  })
})
