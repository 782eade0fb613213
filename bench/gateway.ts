/**
 * Gateway overhead: the same chat request sent (a) straight to a fake relayminer with a pre-signed relay
 * (the floor: one HTTP hop), (b) through the SDK (the application signs and verifies itself, one hop),
 * and (c) through the gateway over HTTP (keys, limits, routing, signing, verification, two hops). The
 * fake relayminers answer instantly with signed responses, so what is measured is the software path.
 * Rounds are interleaved and medians of round medians reported; everything shares this machine's cores,
 * so CPU milliseconds per request (client, gateway and fake relayminers together) are reported as well:
 * on a busy shared machine they are the stable figure, wall-clock latencies are not.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { pino } from 'pino'
import { createGateway } from '../src/gateway/createGateway.ts'
import { openKeyStore } from '../src/gateway/keys/openKeyStore.ts'
import { buildRelayEnvelope } from '../src/gateway/relay/buildRelayEnvelope.ts'
import { createFakeNetwork } from '../src/gateway/testing/createFakeNetwork.ts'
import { serveFakeSupplier } from '../src/gateway/testing/serveFakeSupplier.ts'
import { createDecaiClient } from '../src/sdk/createDecaiClient.ts'

const ROUNDS = 5
const PER_ROUND = 200
const CONCURRENCY = 16
const LOAD_MS = 3_000
const body = { model: 'llama-tiny', messages: [{ role: 'user', content: 'hello' }], max_tokens: 6 }

type Path = { name: string; send: (isStream: boolean) => Promise<void> }

export async function run(): Promise<Record<string, unknown>> {
  const setup = await startSetup()
  try {
    const sequential = await measureSequential(setup.paths, false)
    const streaming = await measureSequential(setup.paths, true)
    const throughput: Record<string, number> = {}
    for (const path of setup.paths) throughput[path.name] = await measureThroughput(path)
    const rssBeforeMb = Math.round(process.memoryUsage().rss / 2 ** 20)
    await measureThroughput(setup.paths[2]!)
    // DECAI_BENCH_SOAK_S=600 runs the gateway path under load that long and samples RSS (default: off).
    const soak = await measureSoak(setup.paths[2]!, Number(process.env.DECAI_BENCH_SOAK_S ?? 0))
    return {
      method: `${ROUNDS} interleaved rounds × ${PER_ROUND} sequential requests per path; ${CONCURRENCY} concurrent clients for ${LOAD_MS} ms`,
      nonStreaming: sequential,
      streaming,
      requestsPerSecond: throughput,
      gatewayOverRawRps: round(throughput.gateway! / throughput.direct!),
      rssMbAfterLoad: { before: rssBeforeMb, after: Math.round(process.memoryUsage().rss / 2 ** 20) },
      ...(soak ? { soak } : {}),
    }
  } finally {
    await setup.stop()
  }
}

async function startSetup() {
  const endpoints: string[] = []
  const net = createFakeNetwork({ suppliers: 3, endpoints, shouldRecord: false })
  const servers = await Promise.all(net.suppliers.map((supplier) => serveFakeSupplier(supplier)))
  endpoints.push(...servers.map((served) => served.url))
  const storeDir = mkdtempSync(join(tmpdir(), 'decai-bench-gateway-'))
  const gateway = await createGateway({
    config: net.config('routing: { hedgeDelay: 0 }'),
    sessionSource: net.sessionSource,
    catalog: net.catalog,
    keyStore: openKeyStore({ dir: storeDir }),
    logger: pino({ level: 'silent' }),
  })
  await gateway.start()
  const server = serve({ fetch: gateway.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((resolve) => server.once('listening', resolve))
  const gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`
  const { key } = await gateway.keyStore!.create({ name: 'bench' })
  const session = await net.sessionSource.getSession({
    application: net.application,
    serviceId: net.serviceId,
    sessionNumber: 3n,
    signer: net.application,
  })
  const sdk = createDecaiClient({
    applicationKey: net.gatewayKey,
    serviceId: net.serviceId,
    sessions: {
      getDomain: async () => net.domain,
      getApplicationService: async () => ({
        serviceId: net.serviceId,
        champion: '0x',
        modelSha256: '0x',
        modelUris: [],
      }),
      getCurrentSession: async () => ({
        header: session.header,
        sessionNumber: 3n,
        suppliers: session.suppliers.slice(0, 1),
      }),
    },
  })
  const envelope = (isStream: boolean) =>
    buildRelayEnvelope({
      domain: net.domain,
      header: session.header,
      supplier: net.suppliers[0]!.operator,
      payload: { method: 'POST', path: '/v1/chat/completions', body: { ...body, stream: isStream } },
      maxInputTokens: 512,
      maxOutputTokens: 6,
      signerKey: net.gatewayKey,
    }).json
  const rawBodies = { false: JSON.stringify(envelope(false)), true: JSON.stringify(envelope(true)) }
  const paths: Path[] = [
    {
      name: 'direct',
      send: (isStream) =>
        drain(
          fetch(`${endpoints[0]}/v1/relay`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: rawBodies[`${isStream}`],
          }),
        ),
    },
    {
      name: 'sdk',
      send: (isStream) =>
        drain(
          sdk.fetch('http://decai/v1/chat/completions', {
            method: 'POST',
            body: JSON.stringify({ ...body, stream: isStream }),
          }),
        ),
    },
    {
      name: 'gateway',
      send: (isStream) =>
        drain(
          fetch(gatewayUrl, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ ...body, stream: isStream }),
          }),
        ),
    },
  ]
  return {
    paths,
    async stop() {
      server.close()
      for (const served of servers) served.server.close()
      await gateway.stop()
      rmSync(storeDir, { recursive: true, force: true })
    },
  }
}

async function drain(response: Promise<Response>): Promise<void> {
  const answer = await response
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${await answer.text()}`)
  await answer.arrayBuffer()
}

async function measureSequential(paths: Path[], isStream: boolean) {
  const samples = new Map<string, number[]>(paths.map((path) => [path.name, []]))
  // CPU time per request is stable on a shared, busy machine where wall time is not.
  const cpuMs = new Map<string, number>(paths.map((path) => [path.name, 0]))
  const roundMedians = new Map<string, number[]>(paths.map((path) => [path.name, []]))
  for (const path of paths) for (let i = 0; i < 50; i++) await path.send(isStream) // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const path of paths) {
      const latencies: number[] = []
      const cpuBefore = process.cpuUsage()
      for (let i = 0; i < PER_ROUND; i++) {
        const started = performance.now()
        await path.send(isStream)
        latencies.push(performance.now() - started)
      }
      const cpu = process.cpuUsage(cpuBefore)
      cpuMs.set(path.name, cpuMs.get(path.name)! + (cpu.user + cpu.system) / 1_000)
      samples.get(path.name)!.push(...latencies)
      roundMedians.get(path.name)!.push(percentile(latencies, 0.5))
    }
  }
  const figures: Record<string, unknown> = {}
  for (const path of paths) {
    const all = samples.get(path.name)!
    figures[path.name] = {
      p50Ms: round(median(roundMedians.get(path.name)!)),
      p99Ms: round(percentile(all, 0.99)),
      cpuMsPerRequest: round(cpuMs.get(path.name)! / (ROUNDS * PER_ROUND)),
    }
  }
  figures.gatewayAddedCpuMsPerRequest = round(
    (cpuMs.get('gateway')! - cpuMs.get('direct')!) / (ROUNDS * PER_ROUND),
  )
  const direct = median(roundMedians.get('direct')!)
  const gateway = median(roundMedians.get('gateway')!)
  figures.gatewayAddedP50Ms = round(gateway - direct)
  figures.gatewayAddedP99Ms = round(
    percentile(samples.get('gateway')!, 0.99) - percentile(samples.get('direct')!, 0.99),
  )
  figures.gatewayOverDirectRatio = round(gateway / direct)
  return figures
}

async function measureThroughput(path: Path): Promise<number> {
  let completed = 0
  const deadline = performance.now() + LOAD_MS
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        await path.send(false)
        completed++
      }
    }),
  )
  return Math.round(completed / (LOAD_MS / 1000))
}

async function measureSoak(path: Path, seconds: number) {
  if (!(seconds > 0)) return undefined
  const rssMb: number[] = []
  let completed = 0
  const deadline = performance.now() + seconds * 1_000
  const heapMb: number[] = []
  const sampler = setInterval(() => {
    const memory = process.memoryUsage()
    rssMb.push(Math.round(memory.rss / 2 ** 20))
    heapMb.push(Math.round(memory.heapUsed / 2 ** 20))
  }, 10_000)
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        await path.send(completed % 2 === 0)
        completed++
      }
    }),
  )
  clearInterval(sampler)
  const first = rssMb[0] ?? 0
  const last = rssMb.at(-1) ?? 0
  return {
    seconds,
    requests: completed,
    rssMbSamples: rssMb,
    heapUsedMbSamples: heapMb,
    rssChange: round((last - first) / first),
  }
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

function median(values: number[]): number {
  return percentile(values, 0.5)
}

function round(value: number): number {
  return Math.round(value * 1_000) / 1_000
}
