/**
 * The gateway end to end: a real anvil with the ledger, three suppliers running `decai relayminer start`
 * with the embedded llama.cpp backend on a tiny generated model, and the gateway over HTTP, driven with
 * the official `openai` SDK. Scenarios: a chat streams through the gateway; a relayminer killed
 * mid-stream and the stream still completes; session rollover under load with zero errors; bad keys,
 * malformed and oversize bodies, unknown models and exhausted limits give the right OpenAI errors; and
 * the SDK relays to the same relayminers directly, with no gateway.
 */
import { execFile, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ServerType, serve } from '@hono/node-server'
import OpenAI from 'openai'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDecaiClients } from '../../src/chain/client/createDecaiClients.ts'
import { createLedger } from '../../src/chain/ledger/createLedger.ts'
import { findFreePort } from '../../src/chain/localChain/findFreePort.ts'
import {
  createChainServiceCatalog,
  createChainSessionSource,
  createGateway,
  type Gateway,
  parseGatewayConfig,
} from '../../src/gateway/index.ts'
import { getTestModel, removeTestModels } from '../../src/inference/embedded/testModel.ts'
import { createChainApplicationSessions, createDecaiClient } from '../../src/sdk/index.ts'
import { type GatewayNetwork, serviceId, startGatewayNetwork } from './startGatewayNetwork.ts'

let dir: string
let net: GatewayNetwork
let gateway: Gateway
let server: ServerType
let baseURL: string
let apiKey: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-gateway-e2e-'))
  const model = await getTestModel()
  net = await startGatewayNetwork({ modelSha256: model.sha256, dir })
  await net.mineTo(net.startOf(net.firstSession) + 1n)
  await net.startRelayMiners(model.path, model.sha256)
  const config = parseGatewayConfig({
    text: [
      'mode: delegated',
      'gatewayKeyEnv: GATEWAY_KEY',
      `applications: [{ address: "${net.application}", serviceId: ${serviceId} }]`,
      'models: { gpt-4o-mini: llama-tiny }',
      `chain: { rpcUrl: "${net.chain.rpcUrl}", manifestFile: "${net.manifestFile}", pollInterval: 100ms }`,
      'store: { dir: keys }',
      'server: { maxBodyBytes: 16KiB }',
      'routing: { streamIdleTimeout: 5s, firstByteTimeout: 20s }',
    ].join('\n'),
    baseDir: dir,
    env: { GATEWAY_KEY: net.keys.gateway },
  })
  const ledger = createLedger({
    clients: createDecaiClients({ rpcUrl: net.chain.rpcUrl }),
    manifest: net.manifest,
  })
  gateway = await createGateway({
    config,
    sessionSource: createChainSessionSource(ledger),
    catalog: createChainServiceCatalog(ledger),
    // Set DECAI_E2E_LOG to a file path to keep the gateway's logs of a run.
    logger: process.env.DECAI_E2E_LOG
      ? pino({ level: 'debug' }, pino.destination(process.env.DECAI_E2E_LOG))
      : pino({ level: 'silent' }),
  })
  await gateway.start()
  server = serve({ fetch: gateway.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((resolve) => server.once('listening', resolve))
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  apiKey = (await gateway.keyStore!.create({ name: 'e2e' })).key
}, 240_000)

afterAll(async () => {
  server?.close()
  await gateway?.stop()
  await net?.stop()
  await removeTestModels()
  await rm(dir, { recursive: true, force: true })
})

const client = (key = apiKey) => new OpenAI({ apiKey: key, baseURL, maxRetries: 0 })
const messages = [{ role: 'user' as const, content: 'Tell me a story about the sea.' }]

describe('gateway end to end', () => {
  it('behavior: the openai SDK streams a chat through the gateway from a real relayminer', async () => {
    const stream = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      max_tokens: 24,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let usage: OpenAI.CompletionUsage | null | undefined
    const ids = new Set<string>()
    for await (const chunk of stream) {
      ids.add(chunk.id)
      text += chunk.choices[0]?.delta?.content ?? ''
      usage = chunk.usage ?? usage
    }
    expect(text.length).toBeGreaterThan(0)
    expect(ids.size).toBe(1)
    expect(usage?.completion_tokens).toBe(24)
    expect(gateway.keyStore!.list()[0]!.usage.outputTokens).toBeGreaterThanOrEqual(24)
  })

  it('behavior: the SDK relays directly to the relayminers, no gateway: the openai SDK streams with its fetch', async () => {
    const ledger = createLedger({
      clients: createDecaiClients({ rpcUrl: net.chain.rpcUrl }),
      manifest: net.manifest,
    })
    const decai = createDecaiClient({
      applicationKey: net.keys.application,
      sessions: createChainApplicationSessions(ledger),
    })
    const openai = new OpenAI({
      apiKey: 'unused',
      baseURL: 'http://decai.local/v1',
      fetch: decai.fetch,
      maxRetries: 0,
    })
    expect((await openai.models.list()).data.map((model) => model.id)).toEqual([serviceId])
    const stream = await openai.chat.completions.create({
      model: serviceId,
      messages,
      max_tokens: 16,
      stream: true,
    })
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? ''
    expect(text.length).toBeGreaterThan(0)
    const answer = await openai.chat.completions.create({ model: serviceId, messages, max_tokens: 8 })
    expect(answer.usage?.completion_tokens).toBe(8)
  })

  it('behavior: a relayminer killed mid-stream, and the stream still completes under one id, as if unbroken', async () => {
    const stream = await client().chat.completions.create({
      model: serviceId,
      messages,
      max_tokens: 400,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let chunks = 0
    let killed: string | undefined
    let finishReason: string | null | undefined
    const ids = new Set<string>()
    for await (const chunk of stream) {
      ids.add(chunk.id)
      text += chunk.choices[0]?.delta?.content ?? ''
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason
      if (++chunks === 5) killed = killServingRelayMiner()
    }
    expect(killed).toBeDefined()
    expect(finishReason).toBe('length')
    // Greedy decoding resumed from the text already sent gives exactly the answer an unbroken run gives.
    const reference = await client().chat.completions.create({
      model: serviceId,
      messages,
      max_tokens: 400,
      temperature: 0,
    })
    expect(text).toBe(reference.choices[0]?.message.content)
    expect(ids.size).toBe(1)
    expect(text.length).toBeGreaterThan(100)
    const continuations = await gateway.metrics.registry.getSingleMetricAsString(
      'decai_gateway_stream_continuations_total',
    )
    expect(continuations).toContain('outcome="resumed"} 1')
  })

  it('behavior: session rollover under load causes no errors', async () => {
    const start = await net.head()
    const end = net.startOf(net.firstSession + 3n) + 2n // two session boundaries later
    let isMining = true
    const mining = (async () => {
      while (isMining && (await net.head()) < end) {
        await net.chain.mine(1)
        await new Promise((resolve) => setTimeout(resolve, 60))
      }
      isMining = false
    })()
    const failures: unknown[] = []
    let completed = 0
    await Promise.all(
      Array.from({ length: 3 }, async (_, worker) => {
        while (isMining) {
          try {
            const isStream = worker % 2 === 0
            if (isStream) {
              const stream = await client().chat.completions.create({
                model: serviceId,
                messages,
                max_tokens: 4,
                stream: true,
              })
              for await (const _chunk of stream);
            } else await client().chat.completions.create({ model: serviceId, messages, max_tokens: 4 })
            completed++
          } catch (error) {
            const { status, code, message } = error as { status?: number; code?: string; message?: string }
            failures.push({ status, code, message })
          }
        }
      }),
    )
    await mining
    expect(failures).toEqual([])
    expect(completed).toBeGreaterThan(10)
    expect(await net.head()).toBeGreaterThan(start + 15n)
  })

  it('error: bad keys, malformed and oversize bodies, unknown models and exhausted limits', async () => {
    await expect(client('dk-wrong').models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError)
    await expect(
      client().chat.completions.create({ model: 'no-such-model', messages }),
    ).rejects.toMatchObject({ status: 404, code: 'model_not_found' })
    await expect(
      client().chat.completions.create({
        model: serviceId,
        messages: [{ role: 'user', content: 'x'.repeat(20_000) }],
      }),
    ).rejects.toMatchObject({ status: 413, code: 'request_too_large' })
    const malformed = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: '{"model": "llama-tiny", "messages": [',
    })
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ error: { type: 'invalid_request_error' } })
    const limited = (
      await gateway.keyStore!.create({ name: 'limited', requestsPerMinute: 1, budgetBaseUnits: 1 })
    ).key
    await client(limited).chat.completions.create({ model: serviceId, messages, max_tokens: 2 })
    await expect(
      client(limited).chat.completions.create({ model: serviceId, messages, max_tokens: 2 }),
    ).rejects.toMatchObject({
      status: 429,
    })
  })
})

describe('decai gateway CLI', () => {
  it('behavior: `gateway keys create` then `gateway start` serve the network from a config file; `keys revoke` shuts the key out', async () => {
    const port = await findFreePort('127.0.0.1')
    const configFile = join(dir, 'gateway-cli.yaml')
    await writeFile(
      configFile,
      [
        'mode: delegated',
        'gatewayKeyEnv: DECAI_E2E_GATEWAY_KEY',
        `applications: [{ address: "${net.application}", serviceId: ${serviceId} }]`,
        `chain: { rpcUrl: "${net.chain.rpcUrl}", manifestFile: "${net.manifestFile}", pollInterval: 200ms }`,
        `server: { port: ${port} }`,
        'store: { dir: cli-keys }',
        'log: { level: warn }',
      ].join('\n'),
    )
    const created = JSON.parse(
      await runCli(['gateway', 'keys', 'create', '--config', configFile, '--name', 'cli', '--json']),
    ) as {
      key: string
      id: string
    }
    const child = spawn(process.execPath, [cliBinary, 'gateway', 'start', '--config', configFile], {
      env: { ...process.env, DECAI_E2E_GATEWAY_KEY: net.keys.gateway },
      stdio: 'ignore',
    })
    try {
      await waitForHealthy(`http://127.0.0.1:${port}/healthz`)
      const cli = new OpenAI({ apiKey: created.key, baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 })
      const answer = await cli.chat.completions.create({ model: serviceId, messages, max_tokens: 4 })
      expect(answer.usage?.completion_tokens).toBe(4)
      expect(await runCli(['gateway', 'keys', 'revoke', created.id, '--config', configFile])).toContain(
        'revoked',
      )
      await expect(cli.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError)
    } finally {
      child.kill('SIGTERM')
    }
  })
})

const cliBinary = new URL('../../bin/decai.js', import.meta.url).pathname

function runCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [cliBinary, ...args], (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  )
}

async function waitForHealthy(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('gateway did not start')
}

/** SIGKILLs the relayminer whose supplier is serving a stream right now; returns its operator. */
function killServingRelayMiner(): string | undefined {
  for (const supplier of net.suppliers) {
    if (gateway.scores.standing(supplier.operator).inFlight > 0 && supplier.process) {
      supplier.process.kill('SIGKILL')
      supplier.process = undefined
      return supplier.operator
    }
  }
  return undefined
}
