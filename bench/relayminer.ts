/**
 * The relayminer's overhead, side by side in one run (`npm run bench -- relayminer`):
 * - added latency: the same chat request sent directly to an instant upstream and through the relayminer
 *   (validate → meter → forward → sign → mine → persist → answer), interleaved, sequential, through two
 *   relayminers: one where every relay is mined (each answer waits for its fsync) and one where none is
 *   (production mines a small fraction);
 * - streaming: time to the first chunk, directly and through the relayminer;
 * - throughput: relays/s through the relayminer under concurrency, its CPU time per relay (it runs in its
 *   own process: one JS thread), and a check that every acknowledged relay was persisted (none dropped);
 * - the pipeline without sockets: `app.request()` in process with an in-memory backend, and the relay
 *   service alone (`relays.serve()`, no HTTP at all);
 * - CPU per stage: each stage of the relay path timed alone (stageCosts.ts);
 * - calibration: a bare node:http server that parses the body and answers (the floor of any Node server),
 *   a trivial Hono app, and a bare node:http proxy to the same upstream (the floor of any relayminer with
 *   an HTTP hop), to read the figures against this machine.
 * The load generator, the fake upstream and each server are separate processes.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { Agent, request as httpRequest } from 'node:http'
import { loadavg } from 'node:os'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { keccak256Implementation } from '../src/protocol/signature/keccak256.ts'
import { createInstantBackend } from '../src/relayminer/testing/createInstantBackend.ts'
import { createTestNetwork, type TestNetwork } from '../src/relayminer/testing/createTestNetwork.ts'
import { createTestRelayMiner } from '../src/relayminer/testing/createTestRelayMiner.ts'
import { measureStageCosts } from './relayminer/stageCosts.ts'

const goals = { relaysPerSecOneCore: '≥ 5 000', addedLatencyP50Ms: '≤ 0.3' }
const chat = { messages: [{ role: 'user', content: 'Hello' }], temperature: 0, max_tokens: 4 }
const streamed = { ...chat, stream: true }

type Stats = { cpuMs: number; userMs: number; systemMs: number; storedRelays: number }
type Child = { process: ChildProcess; url: string }

function start(file: string, args: string[] = []): Promise<Child> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)))
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve({ process: child, url: (JSON.parse(line) as { url: string }).url }),
    )
  })
}

// Progress goes to stderr; stdout carries only the JSON report.
const progress = (what: string) => process.stderr.write(`bench relayminer: ${what}\n`)

function ask<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as T))
    child.send({ type })
  })
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
const round = (value: number, digits = 3) => Number(value.toFixed(digits))
function summary(samplesMs: number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b)
  return { p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)) }
}

// A light load generator (node:http with keep-alive rather than fetch, which costs several times more CPU
// per request): on a small machine the client shares the cores with the servers it measures.
const agent = new Agent({ keepAlive: true, maxSockets: 64 })

/** POSTs a JSON body and reads the whole answer; `onFirstChunk` fires when its first bytes arrive. */
function post(
  url: string,
  body: unknown,
  onFirstChunk?: () => void,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body)
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }
    const request = httpRequest(url, { method: 'POST', agent, headers }, (response) => {
      let answer = ''
      let isFirst = true
      response.setEncoding('utf8')
      response.on('data', (part: string) => {
        if (isFirst) onFirstChunk?.()
        isFirst = false
        answer += part
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: answer }))
      response.on('error', reject)
    })
    request.on('error', reject)
    request.end(text)
  })
}

/** Time to the first byte of the body (the body is drained before the next request). */
async function timeToFirstChunk(url: string, body: unknown): Promise<number> {
  const startedAt = performance.now()
  let firstMs = 0
  await post(url, body, () => {
    firstMs = performance.now() - startedAt
  })
  return firstMs
}

async function envelopes(network: TestNetwork, count: number, body: unknown) {
  const list: unknown[] = []
  for (let i = 0; i < count; i++) list.push((await network.envelope({ body })).json)
  return list
}

async function latency(
  upstream: Child,
  miners: { mined: Child; unmined: Child; nodeProxy: Child },
  network: TestNetwork,
  count: number,
) {
  const signed = {
    mined: await envelopes(network, count, chat),
    unmined: await envelopes(network, count, chat),
  }
  const samples = {
    direct: [] as number[],
    proxied: [] as number[],
    mined: [] as number[],
    unmined: [] as number[],
  }
  const time = async (url: string, body: unknown) => {
    const startedAt = performance.now()
    const response = await post(url, body)
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
    return performance.now() - startedAt
  }
  // Interleaved, so the four series see the same machine noise.
  for (let i = 0; i < count; i++) {
    samples.direct.push(await time(`${upstream.url}/v1/chat/completions`, chat))
    samples.proxied.push(await time(`${miners.nodeProxy.url}/v1/relay`, signed.unmined[i]))
    samples.unmined.push(await time(`${miners.unmined.url}/v1/relay`, signed.unmined[i]))
    samples.mined.push(await time(`${miners.mined.url}/v1/relay`, signed.mined[i]))
  }
  const direct = summary(samples.direct)
  const added = (series: number[]) => {
    const s = summary(series)
    return {
      ...s,
      addedP50Ms: round(s.p50Ms - direct.p50Ms),
      addedP99Ms: round(s.p99Ms - direct.p99Ms),
      ratioP50: round(s.p50Ms / direct.p50Ms, 2),
    }
  }
  return {
    requests: count,
    direct,
    // The extra hop alone: the bare node:http proxy (calibration), no protocol work.
    nodeProxyFloor: added(samples.proxied),
    relayedNotMined: added(samples.unmined),
    relayedMinedAndPersisted: added(samples.mined),
  }
}

async function streaming(upstream: Child, miner: Child, network: TestNetwork, count: number) {
  const signed = await envelopes(network, count, streamed)
  const direct: number[] = []
  const relayed: number[] = []
  for (let i = 0; i < count; i++) {
    direct.push(await timeToFirstChunk(`${upstream.url}/v1/chat/completions`, streamed))
    relayed.push(await timeToFirstChunk(`${miner.url}/v1/relay`, signed[i]))
  }
  const a = summary(direct)
  const b = summary(relayed)
  return { requests: count, directTtft: a, relayedTtft: b, addedTtftP50Ms: round(b.p50Ms - a.p50Ms) }
}

async function throughput(
  miner: Child,
  network: TestNetwork,
  count: number,
  concurrency: number,
  isEveryRelayMined: boolean,
) {
  const signed = await envelopes(network, count, chat)
  const before = await ask<Stats>(miner.process, 'stats')
  let next = 0
  let acknowledged = 0
  const failures = new Map<number, number>()
  const startedAt = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const response = await post(`${miner.url}/v1/relay`, signed[next++])
        if (response.status === 200) acknowledged++
        else failures.set(response.status, (failures.get(response.status) ?? 0) + 1)
      }
    }),
  )
  const wallMs = performance.now() - startedAt
  const after = await ask<Stats>(miner.process, 'stats')
  const cpuMs = after.cpuMs - before.cpuMs
  const userUs = ((after.userMs - before.userMs) * 1000) / count
  return {
    relays: count,
    concurrency,
    relaysPerSecWall: Math.round((count / wallMs) * 1000),
    relayMinerCpuUsPerRelay: round((cpuMs * 1000) / count, 1),
    relayMinerUserCpuUsPerRelay: round(userUs, 1),
    relaysPerSecOneCore: Math.round((count / cpuMs) * 1000),
    acknowledged,
    persisted: after.storedRelays - before.storedRelays,
    // Every relay is mined on the "mined" relayminer: each acknowledged one must be in the store.
    dropped: isEveryRelayMined ? acknowledged - (after.storedRelays - before.storedRelays) : undefined,
    failures: Object.fromEntries(failures),
  }
}

async function inProcess(count: number) {
  const network = createTestNetwork()
  const miner = await createTestRelayMiner({ network, backend: createInstantBackend() })
  const signed = (await envelopes(network, count, chat)).map((body) => JSON.stringify(body))
  const measure = async (serve: (body: string) => Promise<unknown>) => {
    const cpuBefore = process.cpuUsage()
    const startedAt = performance.now()
    for (let i = 0; i < count; i += 64) await Promise.all(signed.slice(i, i + 64).map(serve))
    const wallMs = performance.now() - startedAt
    const cpu = process.cpuUsage(cpuBefore)
    return { wallMs, cpuUsPerRelay: round((cpu.user + cpu.system) / count, 1) }
  }
  const viaApp = await measure(async (body) =>
    (await miner.app.request('/v1/relay', { method: 'POST', body })).text(),
  )
  const persisted = miner.store.listTrees().reduce((total, tree) => total + tree.count, 0)
  // The same relays again, straight into the relay service: a nonce already served is just served again.
  const viaService = await measure((body) => miner.relays.serve(JSON.parse(body)))
  await miner.dispose()
  return {
    app: {
      relays: count,
      relaysPerSecWall: Math.round((count / viaApp.wallMs) * 1000),
      cpuUsPerRelay: viaApp.cpuUsPerRelay,
      persisted,
    },
    serviceCpuUsPerRelay: viaService.cpuUsPerRelay,
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const scale = Number(process.env.DECAI_BENCH_SCALE ?? 1)
  const n = (count: number) => Math.max(10, Math.ceil(count * scale))
  const upstream = await start('./relayminer/fakeUpstream.ts')
  const miners = {
    mined: await start('./relayminer/relayMinerProcess.ts', [upstream.url, 'all']),
    unmined: await start('./relayminer/relayMinerProcess.ts', [upstream.url, 'none']),
    trivial: await start('./relayminer/trivialServer.ts'),
    nodeProxy: await start('./relayminer/nodeProxyFloor.ts', [upstream.url]),
    bare: await start('./relayminer/bareServer.ts'),
  }
  progress('fake upstream and relayminers up')
  const network = createTestNetwork()
  try {
    await latency(upstream, miners, network, n(100))
    const added = await latency(upstream, miners, network, n(1_000))
    progress('latency done')
    const stream = await streaming(upstream, miners.mined, network, n(300))
    progress('streaming done')
    const mined = await throughput(miners.mined, network, n(5_000), 32, true)
    const unmined = await throughput(miners.unmined, network, n(5_000), 32, false)
    const trivial = await throughput(miners.trivial, network, n(5_000), 32, false)
    const nodeProxy = await throughput(miners.nodeProxy, network, n(5_000), 32, false)
    const bare = await throughput(miners.bare, network, n(5_000), 32, false)
    progress('throughput done')
    const pipeline = await inProcess(n(5_000))
    const upstreamAnswer = (await post(`${upstream.url}/v1/chat/completions`, chat)).text
    const stageCosts = await measureStageCosts(network, chat, upstreamAnswer)
    return {
      goals,
      iterations: n(1_000),
      loadAverage: loadavg().map((value) => round(value, 1)),
      keccak: keccak256Implementation,
      addedLatency: added,
      streaming: stream,
      throughputMinedAndPersisted: mined,
      throughputNotMined: unmined,
      // The floor: a Hono app on the same server parsing the same bodies and doing nothing else.
      trivialServerCpuUsPerRequest: trivial.relayMinerCpuUsPerRelay,
      relayMinerCpuOverTrivialServer: round(
        mined.relayMinerCpuUsPerRelay / trivial.relayMinerCpuUsPerRelay,
        2,
      ),
      // The floor with the upstream hop: a bare node:http proxy, no protocol work at all.
      nodeProxyFloorCpuUsPerRequest: nodeProxy.relayMinerCpuUsPerRelay,
      relayMinerCpuOverNodeProxyFloor: round(
        unmined.relayMinerCpuUsPerRelay / nodeProxy.relayMinerCpuUsPerRelay,
        2,
      ),
      // The floor of any Node HTTP server: node:http, parse the body, a fixed answer (bareServer.ts).
      bareNodeServerCpuUsPerRequest: bare.relayMinerCpuUsPerRelay,
      pipelineWithoutSockets: pipeline.app,
      relayServiceWithoutHttpCpuUsPerRelay: pipeline.serviceCpuUsPerRelay,
      cpuUsPerStage: stageCosts,
    }
  } finally {
    for (const miner of Object.values(miners)) {
      const exited = new Promise((resolve) => miner.process.once('exit', resolve))
      miner.process.send({ type: 'stop' })
      await exited
    }
    upstream.process.kill()
    agent.destroy()
  }
}
