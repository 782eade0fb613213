/**
 * Gateway overhead side by side in one run (`npm run bench -- gateway`): the same chat request to the same
 * instant OpenAI-compatible upstream (bench/relayminer/fakeUpstream.ts), sent
 * - **direct**: straight to the upstream (the floor);
 * - **portkey**: through Portkey's open-source gateway (`@portkey-ai/gateway`, its Node server), told by
 *   its provider headers to forward to the upstream as an OpenAI provider with a custom host (one hop);
 * - **relayminer**: a relay pre-signed by the load generator, POSTed to a real relayminer that forwards it
 *   to the upstream (one hop with decai's supplier-side work: validate, meter, sign);
 * - **sdk**: the SDK in the load generator signs and verifies, then the relayminer (one hop);
 * - **gateway**: client → decai gateway → relayminer → upstream (two hops: API key, limits, routing,
 *   signing, verification, usage ledger; then the relayminer's work).
 * Upstream, relayminer, gateway and Portkey each run in their own process; the relayminer mines no relay
 * (production mines a small fraction; `npm run bench -- relayminer` measures mining). Sequential rounds
 * are interleaved and medians of round medians reported, then rounds of concurrent load, also
 * interleaved. CPU time per request is read per process from /proc: on a shared, busy machine it is the
 * stable figure, wall-clock latency is not. `DECAI_BENCH_SOAK_S=600` then keeps the gateway path under
 * load that long and samples the gateway's and relayminer's RSS every 10 s.
 * `DECAI_BENCH_CPU_PROF=<dir>` writes a CPU profile of the gateway process there.
 */
import { availableParallelism, loadavg } from 'node:os'
import type { Hex } from '../src/protocol/bytes/bytes.ts'
import { createTestNetwork } from '../src/relayminer/testing/createTestNetwork.ts'
import { createDecaiClient } from '../src/sdk/createDecaiClient.ts'
import { post } from './gateway/httpClient.ts'
import {
  type Child,
  type ProcessUsage,
  readProcessUsage,
  startChild,
  startPortkey,
  stopChild,
} from './gateway/processes.ts'
import { sendConcurrently } from './gateway/sendConcurrently.ts'

const ROUNDS = 5
const PER_ROUND = 200
const CONCURRENCY = 16
const LOAD_ROUNDS = 3
const LOAD_REQUESTS = 2_000
const goals = { addedP50Ms: '≤ 1 and below Portkey', relaysPerSec: '≥ 2 000', soakRss: 'flat ±10 %' }
const chat = { messages: [{ role: 'user', content: 'Hello' }], temperature: 0, max_tokens: 4 }

type Path = {
  name: string
  /** Work before a timed segment of `count` requests (pre-signing relays); not timed. */
  prepare(count: number, isStream: boolean): Promise<void>
  send(isStream: boolean): Promise<void>
}
type Processes = Record<'client' | 'upstream' | 'relayMiner' | 'gateway' | 'portkey', () => ProcessUsage>
type CpuTally = Map<string, Record<string, number>>

const progress = (what: string) => process.stderr.write(`bench gateway: ${what}\n`)
const round = (value: number, digits = 3) => Number(value.toFixed(digits))

export async function run(): Promise<Record<string, unknown>> {
  const setup = await startSetup()
  try {
    progress('processes up; warming up')
    for (const path of setup.paths) await timeSequential(path, 100, false)
    const nonStreaming = await measureSequential(setup, false)
    progress('sequential non-streaming done')
    const streaming = await measureSequential(setup, true)
    progress('sequential streaming done')
    const load = await measureLoad(setup)
    progress('concurrent load done')
    const soakSeconds = Number(process.env.DECAI_BENCH_SOAK_S ?? 0)
    const soak = soakSeconds > 0 ? await measureSoak(setup, soakSeconds) : undefined
    return {
      goals,
      method: `${ROUNDS} interleaved rounds × ${PER_ROUND} sequential requests per path; ${LOAD_ROUNDS} interleaved rounds × ${LOAD_REQUESTS} requests per path from ${CONCURRENCY} concurrent clients`,
      loadAverage: loadavg().map((value) => round(value, 1)),
      cores: availableParallelism(),
      nonStreaming,
      streaming,
      concurrent: load,
      ...(soak ? { soak } : {}),
    }
  } finally {
    await setup.stop()
  }
}

async function startSetup() {
  const upstream = await startChild('relayminer/fakeUpstream.ts')
  // 'none': no relay is mined, so no answer waits for a disk write (see the file comment).
  const relayMiner = await startChild('relayminer/relayMinerProcess.ts', [upstream.url, 'none'])
  const profileDir = process.env.DECAI_BENCH_CPU_PROF
  const gateway = await startChild(
    'gateway/gatewayProcess.ts',
    [relayMiner.url],
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  )
  const portkey = await startPortkey()
  const usageOf = (child: Child) => () => readProcessUsage(child.process.pid!)
  const processes: Processes = {
    client: () => ({ cpuMs: cpuMsOfSelf(), rssMb: 0 }),
    upstream: usageOf(upstream),
    relayMiner: usageOf(relayMiner),
    gateway: usageOf(gateway),
    portkey: usageOf(portkey),
  }
  const paths = createPaths({ upstream, relayMiner, gateway, portkey })
  return {
    paths,
    processes,
    gatewayPid: gateway.process.pid!,
    relayMinerPid: relayMiner.process.pid!,
    async stop() {
      await stopChild(portkey, 'signal')
      await stopChild(gateway, 'message')
      await stopChild(relayMiner, 'message')
      await stopChild(upstream, 'signal')
    },
  }
}

function createPaths(children: {
  upstream: Child
  relayMiner: Child
  gateway: Child
  portkey: Child
}): Path[] {
  const bodyOf = (isStream: boolean) => JSON.stringify({ ...chat, model: 'llama-tiny', stream: isStream })
  const bodies = { true: bodyOf(true), false: bodyOf(false) }
  const expect200 = async (answer: Promise<{ status: number; text: string }>) => {
    const { status, text } = await answer
    if (status !== 200) throw new Error(`HTTP ${status}: ${text.slice(0, 300)}`)
  }
  const noPreparation = async () => undefined
  const network = createTestNetwork()
  const signed: string[] = []
  const sdk = createSdk(network, children.relayMiner.url)
  const portkeyHeaders = {
    authorization: 'Bearer unused',
    'x-portkey-provider': 'openai',
    'x-portkey-custom-host': `${children.upstream.url}/v1`,
  }
  const gatewayHeaders = { authorization: `Bearer ${String(children.gateway.info.key)}` }
  return [
    {
      name: 'direct',
      prepare: noPreparation,
      send: (isStream) =>
        expect200(post(`${children.upstream.url}/v1/chat/completions`, {}, bodies[`${isStream}`])),
    },
    {
      name: 'portkey',
      prepare: noPreparation,
      send: (isStream) =>
        expect200(post(`${children.portkey.url}/v1/chat/completions`, portkeyHeaders, bodies[`${isStream}`])),
    },
    {
      name: 'relayminer',
      async prepare(count, isStream) {
        signed.length = 0
        for (let i = 0; i < count; i++) {
          const { json } = await network.envelope({ body: { ...chat, stream: isStream }, maxOutputTokens: 4 })
          signed.push(JSON.stringify(json))
        }
      },
      send: () => expect200(post(`${children.relayMiner.url}/v1/relay`, {}, signed.pop()!)),
    },
    {
      name: 'sdk',
      prepare: noPreparation,
      async send(isStream) {
        const answer = await sdk.fetch('http://decai/v1/chat/completions', {
          method: 'POST',
          body: bodies[`${isStream}`],
        })
        const text = await answer.text()
        if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${text.slice(0, 300)}`)
      },
    },
    {
      name: 'gateway',
      prepare: noPreparation,
      send: (isStream) =>
        expect200(post(`${children.gateway.url}/v1/chat/completions`, gatewayHeaders, bodies[`${isStream}`])),
    },
  ]
}

function createSdk(network: ReturnType<typeof createTestNetwork>, relayMinerUrl: string) {
  return createDecaiClient({
    applicationKey: network.keys.application,
    serviceId: network.serviceId,
    sessions: {
      getDomain: async () => network.domain,
      getApplicationService: async () => ({
        serviceId: network.serviceId,
        champion: network.addresses.application,
        modelSha256: `0x${'00'.repeat(32)}` as Hex,
        modelUris: [],
      }),
      getCurrentSession: async () => ({
        header: await network.currentHeader(),
        sessionNumber: 1n,
        suppliers: [{ operator: network.addresses.supplier, endpoint: relayMinerUrl }],
      }),
    },
  })
}

async function timeSequential(path: Path, count: number, isStream: boolean): Promise<number[]> {
  await path.prepare(count, isStream)
  const latencies: number[] = []
  for (let i = 0; i < count; i++) {
    const startedAt = performance.now()
    await path.send(isStream)
    latencies.push(performance.now() - startedAt)
  }
  return latencies
}

/** Runs `segment` and adds each process's CPU time over it to the path's tally. */
async function tallied<T>(tally: CpuTally, processes: Processes, path: string, segment: () => Promise<T>) {
  const before = snapshot(processes)
  const result = await segment()
  const after = snapshot(processes)
  const entry = tally.get(path) ?? {}
  for (const name of Object.keys(after)) entry[name] = (entry[name] ?? 0) + after[name]! - before[name]!
  tally.set(path, entry)
  return result
}

async function measureSequential(setup: { paths: Path[]; processes: Processes }, isStream: boolean) {
  const roundMedians = new Map<string, number[]>(setup.paths.map((path) => [path.name, []]))
  const all = new Map<string, number[]>(setup.paths.map((path) => [path.name, []]))
  const tally: CpuTally = new Map()
  for (let r = 0; r < ROUNDS; r++) {
    for (const path of setup.paths) {
      await path.prepare(PER_ROUND, isStream)
      const latencies = await tallied(tally, setup.processes, path.name, () =>
        timeSequential({ ...path, prepare: async () => undefined }, PER_ROUND, isStream),
      )
      roundMedians.get(path.name)!.push(percentile(latencies, 0.5))
      all.get(path.name)!.push(...latencies)
    }
  }
  const p50 = (name: string) => median(roundMedians.get(name)!)
  const direct = p50('direct')
  const figures: Record<string, unknown> = {}
  for (const path of setup.paths) {
    figures[path.name] = {
      p50Ms: round(p50(path.name)),
      p99Ms: round(percentile(all.get(path.name)!, 0.99)),
      addedP50Ms: round(p50(path.name) - direct),
      cpuMsPerRequest: perRequest(tally.get(path.name)!, ROUNDS * PER_ROUND),
    }
  }
  const portkeyAdded = p50('portkey') - direct
  figures.gatewayAddedOverPortkeyAdded = round((p50('gateway') - direct) / portkeyAdded, 2)
  figures.gatewayOwnAddedP50Ms = round(p50('gateway') - p50('relayminer'))
  return figures
}

async function measureLoad(setup: { paths: Path[]; processes: Processes }) {
  const tally: CpuTally = new Map()
  const rates = new Map<string, number[]>(setup.paths.map((path) => [path.name, []]))
  const medians = new Map<string, number[]>(setup.paths.map((path) => [path.name, []]))
  for (let r = 0; r < LOAD_ROUNDS; r++) {
    for (const path of setup.paths) {
      await path.prepare(LOAD_REQUESTS, false)
      const { latencies, wallMs } = await tallied(tally, setup.processes, path.name, () =>
        sendConcurrently(LOAD_REQUESTS, CONCURRENCY, () => path.send(false)),
      )
      rates.get(path.name)!.push((LOAD_REQUESTS / wallMs) * 1000)
      medians.get(path.name)!.push(percentile(latencies, 0.5))
    }
  }
  const direct = median(medians.get('direct')!)
  const figures: Record<string, unknown> = { concurrency: CONCURRENCY }
  for (const path of setup.paths) {
    const p50 = median(medians.get(path.name)!)
    figures[path.name] = {
      requestsPerSec: Math.round(median(rates.get(path.name)!)),
      p50Ms: round(p50),
      addedP50Ms: round(p50 - direct),
      cpuMsPerRequest: perRequest(tally.get(path.name)!, LOAD_ROUNDS * LOAD_REQUESTS),
    }
  }
  const added = (name: string) => median(medians.get(name)!) - direct
  figures.gatewayAddedOverPortkeyAdded = round(added('gateway') / added('portkey'), 2)
  return figures
}

async function measureSoak(
  setup: { paths: Path[]; gatewayPid: number; relayMinerPid: number },
  seconds: number,
) {
  const gateway = setup.paths.find((path) => path.name === 'gateway')!
  const samples = { gatewayRssMb: [] as number[], relayMinerRssMb: [] as number[] }
  const sample = () => {
    samples.gatewayRssMb.push(readProcessUsage(setup.gatewayPid).rssMb)
    samples.relayMinerRssMb.push(readProcessUsage(setup.relayMinerPid).rssMb)
  }
  progress(`soak: ${seconds} s on the gateway path`)
  sample()
  const sampler = setInterval(sample, 10_000)
  let completed = 0
  const deadline = performance.now() + seconds * 1_000
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) await gateway.send(completed++ % 2 === 0)
    }),
  )
  clearInterval(sampler)
  sample()
  // Single samples catch garbage not yet collected; the median of each minute's samples shows the trend.
  const minuteMedians = (values: number[]) => {
    const minutes = Math.max(1, Math.floor(values.length / 6))
    // The last minute also takes the sample after the load stopped.
    return Array.from({ length: minutes }, (_, minute) =>
      median(values.slice(minute * 6, minute === minutes - 1 ? values.length : minute * 6 + 6)),
    )
  }
  const summary = (values: number[]) => {
    const medians = minuteMedians(values)
    return {
      startMb: values[0],
      endMb: values.at(-1),
      maxMb: Math.max(...values),
      minuteMediansMb: medians,
      changeOfMinuteMedians: round((medians.at(-1)! - medians[0]!) / medians[0]!),
    }
  }
  return {
    seconds,
    requests: completed,
    gatewayRss: summary(samples.gatewayRssMb),
    relayMinerRss: summary(samples.relayMinerRssMb),
    samples,
  }
}

function snapshot(processes: Processes): Record<string, number> {
  const values: Record<string, number> = {}
  for (const [name, read] of Object.entries(processes)) values[name] = read().cpuMs
  return values
}

function perRequest(cpuMs: Record<string, number>, requests: number): Record<string, number> {
  const figures: Record<string, number> = {}
  let total = 0
  for (const [name, value] of Object.entries(cpuMs)) {
    total += value
    // Processes idle during the segment (under 0.01 ms per request) are left out.
    if (value / requests >= 0.01) figures[name] = round(value / requests)
  }
  figures.total = round(total / requests)
  return figures
}

function cpuMsOfSelf(): number {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1_000
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

function median(values: number[]): number {
  return percentile(values, 0.5)
}
