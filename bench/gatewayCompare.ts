/**
 * Two gateways side by side (`DECAI_BENCH_COMPARE=<commit> npm run bench -- gatewayCompare`): the gateway
 * process of `<commit>` (its own `bench/gateway/gatewayProcess.ts`, from `git archive`, with this
 * checkout's node_modules) and that of the working tree, against one relayminer and upstream, in
 * interleaved rounds: under 16 concurrent clients, then one request at a time; plain and streamed. What it
 * reports per gateway: its CPU per relay (from /proc), relays/s and p50. Whole-benchmark figures move with
 * the machine's load from run to run; these two move together. `DECAI_BENCH_CPU_PROF=<dir>` writes a CPU
 * profile of the working tree's gateway there (its main thread's is the larger file).
 */
import { execSync, fork } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { post } from './gateway/httpClient.ts'
import { type Child, readProcessUsage, startChild, stopChild } from './gateway/processes.ts'
import { sendConcurrently } from './gateway/sendConcurrently.ts'

const LOAD_ROUNDS = 5
const LOAD_REQUESTS = 1_500
const SEQUENTIAL_ROUNDS = 9
const SEQUENTIAL_REQUESTS = 300
const CONCURRENCY = 16
const chat = {
  model: 'llama-tiny',
  messages: [{ role: 'user', content: 'Hello' }],
  temperature: 0,
  max_tokens: 4,
}
const bodies = { plain: JSON.stringify(chat), streamed: JSON.stringify({ ...chat, stream: true }) }

type Gateway = { name: string; child: Child; key: string }
type Mode = keyof typeof bodies

const progress = (what: string) => process.stderr.write(`bench gatewayCompare: ${what}\n`)
const round = (value: number) => Number(value.toFixed(3))

export async function run(): Promise<Record<string, unknown>> {
  const commit = process.env.DECAI_BENCH_COMPARE
  if (!commit) throw new Error('set DECAI_BENCH_COMPARE to the commit to compare the working tree with')
  const root = fileURLToPath(new URL('..', import.meta.url))
  const other = extractTree(root, commit)
  const upstream = await startChild('relayminer/fakeUpstream.ts')
  const relayMiner = await startChild('relayminer/relayMinerProcess.ts', [upstream.url, 'none'])
  const gateways = [
    await startGateway(commit, other, relayMiner.url),
    await startGateway('working tree', root, relayMiner.url, profileFlags()),
  ]
  try {
    progress('processes up')
    const figures: Record<string, unknown> = { method: methodText() }
    for (const mode of ['plain', 'streamed'] as const) {
      figures[`concurrent ${mode}`] = await compare(gateways, mode, LOAD_ROUNDS, LOAD_REQUESTS, CONCURRENCY)
      figures[`sequential ${mode}`] = await compare(gateways, mode, SEQUENTIAL_ROUNDS, SEQUENTIAL_REQUESTS, 1)
      progress(`${mode} done`)
    }
    return figures
  } finally {
    for (const gateway of gateways) await stopChild(gateway.child, 'message')
    await stopChild(relayMiner, 'message')
    await stopChild(upstream, 'signal')
    rmSync(other, { recursive: true, force: true })
  }
}

function methodText(): string {
  return `interleaved rounds per gateway: ${LOAD_ROUNDS} × ${LOAD_REQUESTS} relays from ${CONCURRENCY} clients, then ${SEQUENTIAL_ROUNDS} × ${SEQUENTIAL_REQUESTS} one at a time; medians of rounds`
}

// The other commit's files, runnable with this checkout's dependencies.
function extractTree(root: string, commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'decai-bench-compare-'))
  execSync(`git archive ${JSON.stringify(commit)} | tar -x -C ${JSON.stringify(dir)}`, { cwd: root })
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

function profileFlags(): string[] {
  const dir = process.env.DECAI_BENCH_CPU_PROF
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []
}

async function startGateway(name: string, root: string, relayMinerUrl: string, flags: string[] = []) {
  const child = fork(join(root, 'bench/gateway/gatewayProcess.ts'), [relayMinerUrl], {
    cwd: root,
    execArgv: ['--import', 'tsx', ...flags],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout! }).once('line', resolve),
  )
  const info = JSON.parse(line) as { url: string; key: string }
  return { name, child: { process: child, url: info.url, info }, key: info.key } satisfies Gateway
}

async function compare(gateways: Gateway[], mode: Mode, rounds: number, requests: number, clients: number) {
  for (const gateway of gateways) await send(gateway, mode, 200, clients)
  const samples = gateways.map(() => ({
    cpuMs: [] as number[],
    perSec: [] as number[],
    p50Ms: [] as number[],
  }))
  for (let r = 0; r < rounds; r++)
    for (const [index, gateway] of gateways.entries()) {
      const pid = gateway.child.process.pid!
      const before = readProcessUsage(pid).cpuMs
      const { latencies, wallMs } = await send(gateway, mode, requests, clients)
      samples[index]!.cpuMs.push((readProcessUsage(pid).cpuMs - before) / requests)
      samples[index]!.perSec.push((requests / wallMs) * 1_000)
      samples[index]!.p50Ms.push(median(latencies))
    }
  return Object.fromEntries(
    gateways.map((gateway, index) => [
      gateway.name,
      {
        gatewayCpuMsPerRelay: round(median(samples[index]!.cpuMs)),
        relaysPerSec: Math.round(median(samples[index]!.perSec)),
        p50Ms: round(median(samples[index]!.p50Ms)),
      },
    ]),
  )
}

function send(gateway: Gateway, mode: Mode, count: number, clients: number) {
  const headers = { authorization: `Bearer ${gateway.key}` }
  return sendConcurrently(count, clients, async () => {
    const { status, text } = await post(`${gateway.child.url}/v1/chat/completions`, headers, bodies[mode])
    if (status !== 200) throw new Error(`HTTP ${status}: ${text.slice(0, 300)}`)
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
