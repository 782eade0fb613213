import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

// The CLI's transport against a real relayminer (in-process, memory ledger) serving a tiny model: probes
// travel as signed relays signed by the gateway the application delegated to, like ordinary traffic.
let network: TestNetwork
let backend: EmbeddedBackend
let miner: TestRelayMiner
let transport: ProbeTransport
let tamper: ((text: string) => string) | undefined

beforeAll(async () => {
  network = createTestNetwork()
  const model = await getTestModel({ seed: 42 })
  backend = await createEmbeddedBackend({ modelPath: model.path, expectedSha256: model.sha256 })
  miner = await createTestRelayMiner({ network, backend })
  const inProcessFetch = async (url: string | URL | Request, init?: RequestInit) => {
    const response = await miner.app.request(new URL(String(url)).pathname, init)
    if (!tamper) return response
    return new Response(tamper(await response.text()), { status: response.status, headers: response.headers })
  }
  transport = createRelayProbeTransport({
    routes: {
      resolve: async () => ({
        domain: network.domain,
        header: await network.currentHeader(),
        endpoint: 'http://supplier.test',
      }),
    },
    signerKey: network.keys.gateway,
    maxInputTokens: 8192,
    defaultMaxOutputTokens: 64,
    fetch: inProcessFetch as typeof fetch,
  })
})

afterAll(async () => {
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
