/**
 * Probes on the wire: a recording HTTP server on loopback stands in for a supplier and keeps the bytes
 * of every relay it receives. A client request relayed by a gateway, the same request made into a
 * probe by a standalone watcher (`createRelayProbeTransport`), and by a watcher inside that gateway
 * (`preparePinnedRelay`) must reach it in the same form: the same headers (request ids aside), the same
 * envelope structure and the same payload bytes, key order included.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGatewayRelayWrapper } from '../../src/cli/watcher/createGatewayRelayWrapper.ts'
import { createGateway, type Gateway } from '../../src/gateway/index.ts'
import { openKeyStore } from '../../src/gateway/keys/openKeyStore.ts'
import { createFakeNetwork, type FakeNetwork } from '../../src/gateway/testing/createFakeNetwork.ts'
import { preparePinnedRelay } from '../../src/gateway/watcher/preparePinnedRelay.ts'
import type { ChatCompletionRequest } from '../../src/inference/index.ts'
import { parseWatcherConfig } from '../../src/watcher/config/loadWatcherConfig.ts'
import { buildProbeRequest } from '../../src/watcher/probe/buildProbeRequest.ts'
import { createPromptDeck } from '../../src/watcher/probe/createPromptDeck.ts'
import { shapeOfRequest } from '../../src/watcher/probe/probeShape.ts'
import { createRelayProbeTransport } from '../../src/watcher/transport/createRelayProbeTransport.ts'

type Capture = { headers: Array<[string, string]>; body: string }

const captures: Capture[] = []
let recorder: Server
let endpoint: string
const dirs: string[] = []

beforeAll(async () => {
  recorder = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const headers: Array<[string, string]> = []
      for (let i = 0; i < request.rawHeaders.length; i += 2)
        headers.push([request.rawHeaders[i]!.toLowerCase(), request.rawHeaders[i + 1]!])
      captures.push({ headers, body: Buffer.concat(chunks).toString('utf8') })
      // A refusal ends each relay at once; only the request's form matters here.
      response.writeHead(400, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ error: { code: 'RELAYMINER_INVALID_RELAY', message: 'recorded' } }))
    })
  })
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => recorder.close(resolve))
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

async function startGateway(routingYaml: string): Promise<{ net: FakeNetwork; gateway: Gateway }> {
  const net = createFakeNetwork({ suppliers: 1, endpoints: [endpoint] })
  const dir = mkdtempSync(join(tmpdir(), 'decai-probe-wire-'))
  dirs.push(dir)
  const gateway = await createGateway({
    config: net.config(`keys: { isRequired: false }\nrouting: { maxAttempts: 1, ${routingYaml} }`),
    sessionSource: net.sessionSource,
    catalog: net.catalog,
    keyStore: openKeyStore({ dir }),
    logger: pino({ level: 'silent' }),
  })
  await gateway.start()
  return { net, gateway }
}

// Captures what the recorder received while `act` ran (the first relay of it).
async function capture(act: () => Promise<unknown>): Promise<Capture> {
  captures.length = 0
  await act()
  expect(captures.length).toBeGreaterThan(0)
  return captures[0]!
}

async function clientRelay(gateway: Gateway, body: object): Promise<Capture> {
  return capture(async () =>
    gateway.app.request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  )
}

async function standaloneProbe(net: FakeNetwork, gateway: Gateway, probe: ChatCompletionRequest) {
  const session = await net.sessionSource.getSession({
    application: net.application,
    serviceId: net.serviceId,
    sessionNumber: 3n,
    signer: gateway.router.applicationsByService.get(net.serviceId)![0]!.signerAddress,
  })
  const transport = createRelayProbeTransport({
    routes: { resolve: async () => ({ domain: net.domain, header: session.header, endpoint }) },
    wrapper: createGatewayRelayWrapper({ signerKey: net.gatewayKey, routing: gateway.router.routing }),
  })
  const target = { supplier: net.suppliers[0]!.operator, serviceId: net.serviceId }
  return capture(() => transport.send(target, probe, { signal: AbortSignal.timeout(10_000) }))
}

async function gatewayProbe(net: FakeNetwork, gateway: Gateway, probe: ChatCompletionRequest) {
  const pinned = await preparePinnedRelay(gateway.router, {
    supplier: net.suppliers[0]!.operator,
    body: probe as unknown as Record<string, unknown>,
    models: { [net.serviceId]: net.serviceId },
  })
  return capture(() => pinned.send(AbortSignal.timeout(10_000)))
}

// A probe made by the watcher's own path from the client's shape, carrying the same prompt.
function probeLike(client: ChatCompletionRequest, serviceId: string): ChatCompletionRequest {
  const prompt = String(client.messages.at(-1)!.content)
  return buildProbeRequest({
    shape: shapeOfRequest(client),
    serviceId,
    deck: createPromptDeck([prompt], () => 0),
    pastTurns: [],
    random: () => 0,
  })
}

// Header names and values in order; the request id is random and the length follows the nonce's digits.
function headerForm(captured: Capture): Array<[string, string]> {
  return captured.headers.map(([name, value]) =>
    name === 'x-request-id' || name === 'content-length' ? [name, '*'] : [name, value],
  )
}

// The envelope's keys in order, with each value's JSON type in place of the value.
function structureOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structureOf)
  if (value !== null && typeof value === 'object')
    return Object.entries(value).map(([key, inner]) => [key, structureOf(inner)])
  return typeof value
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

function expectSameForm(reference: Capture, other: Capture): void {
  expect(headerForm(other)).toEqual(headerForm(reference))
  const requestIdOf = (c: Capture) => c.headers.find(([name]) => name === 'x-request-id')?.[1]
  expect(requestIdOf(other)).toMatch(uuid)
  const [a, b] = [JSON.parse(reference.body), JSON.parse(other.body)]
  expect(JSON.stringify(structureOf(b))).toBe(JSON.stringify(structureOf(a)))
  expect(JSON.stringify(b.payload)).toBe(JSON.stringify(a.payload))
  const { nonce: _a, ...signedA } = a.request
  const { nonce: _b, ...signedB } = b.request
  expect(signedB).toEqual(signedA)
}

const chat = {
  model: 'llama-tiny',
  messages: [{ role: 'user', content: 'What is a good way to learn to juggle?' }],
  temperature: 0,
  max_tokens: 24,
}

describe('probes on the wire', () => {
  it.each([
    ['a non-streaming request (acknowledgement asked)', chat, 'x-decai-processing'],
    ['a streaming request with no limit named', { ...chat, max_tokens: undefined, stream: true }, undefined],
  ])(
    'behavior: %s reaches the supplier in one form from the gateway and from both watchers',
    async (_, body, ack) => {
      const { net, gateway } = await startGateway('acknowledgeTimeout: 5s')
      try {
        const client = { ...body, model: net.serviceId } as ChatCompletionRequest
        const relayed = await clientRelay(gateway, body)
        expect(relayed.headers.some(([name]) => name === 'x-decai-processing')).toBe(ack !== undefined)
        expect(JSON.stringify(JSON.parse(relayed.body).payload.body)).toMatch(
          /^\{"model":"llama-tiny","temperature"/,
        )
        expectSameForm(relayed, await standaloneProbe(net, gateway, probeLike(client, net.serviceId)))
        expectSameForm(relayed, await gatewayProbe(net, gateway, probeLike(client, net.serviceId)))
      } finally {
        await gateway.stop()
      }
    },
  )

  it('behavior: with acknowledgements off, neither the gateway nor a probe asks for them', async () => {
    const { net, gateway } = await startGateway('acknowledgeTimeout: 0')
    try {
      const relayed = await clientRelay(gateway, chat)
      expect(relayed.headers.map(([name]) => name)).not.toContain('x-decai-processing')
      const probe = probeLike({ ...chat, model: net.serviceId } as ChatCompletionRequest, net.serviceId)
      expectSameForm(relayed, await standaloneProbe(net, gateway, probe))
      expectSameForm(relayed, await gatewayProbe(net, gateway, probe))
    } finally {
      await gateway.stop()
    }
  })

  it('default: a standalone watcher relays with the routing settings of a default gateway', () => {
    const { probes } = parseWatcherConfig(
      `signer: { privateKeyEnv: K, application: "0x${'ab'.repeat(20)}" }\nchain: { rpcUrl: "http://127.0.0.1:8545", manifestFile: d.json }\nservices: { s: { referenceModel: m.gguf } }\n`,
    )
    const { routing } = createFakeNetwork().config()
    expect({
      maxInputTokens: probes.maxInputTokens,
      maxOutputTokens: probes.maxOutputTokens,
      defaultMaxOutputTokens: probes.defaultMaxOutputTokens,
      acknowledgeTimeoutMs: probes.acknowledgeTimeout,
    }).toEqual({
      maxInputTokens: routing.maxInputTokens,
      maxOutputTokens: routing.maxOutputTokens,
      defaultMaxOutputTokens: routing.defaultMaxOutputTokens,
      acknowledgeTimeoutMs: routing.acknowledgeTimeoutMs,
    })
  })
})
