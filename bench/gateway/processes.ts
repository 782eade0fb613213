/**
 * Child processes of the gateway benchmark: starting them, reading their CPU time and resident memory
 * from /proc (Linux; the same reading for decai's processes and for Portkey's, which answers no IPC).
 */
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/** A started child and the first line it printed (JSON: at least its `url`). */
export type Child = { process: ChildProcess; url: string; info: Record<string, unknown> }

/** CPU time (user + system) and resident set of a process. */
export type ProcessUsage = { cpuMs: number; rssMb: number }

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/**
 * Forks a TypeScript file of this folder's parent with tsx and waits for its first stdout line.
 *
 * @param file - path relative to bench/
 * @param args - argv of the child
 * @param execArgv - extra Node flags (e.g. `--cpu-prof`)
 * @returns the child and what it printed
 */
export function startChild(file: string, args: string[] = [], execArgv: string[] = []): Promise<Child> {
  const child = fork(fileURLToPath(new URL(`../${file}`, import.meta.url)), args, {
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)))
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const info = JSON.parse(line) as Record<string, unknown>
      resolve({ process: child, url: String(info.url), info })
    })
  })
}

/**
 * Starts Portkey's open-source gateway (`@portkey-ai/gateway`, its Node server) on a free port and waits
 * until it answers. It is configured per request by headers, so it needs no config file.
 *
 * @returns the child and its base URL
 */
export async function startPortkey(): Promise<Child> {
  const port = await freePort()
  const entry = fileURLToPath(import.meta.resolve('@portkey-ai/gateway/build/start-server.js'))
  const child = spawn(process.execPath, [entry, `--port=${port}`, '--headless'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  for (let tries = 0; tries < 200; tries++) {
    if (child.exitCode !== null) throw new Error(`Portkey exited with ${child.exitCode}`)
    const isUp = await fetch(`${url}/`).then(
      () => true,
      () => false,
    )
    if (isUp) return { process: child, url, info: {} }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill()
  throw new Error('Portkey did not start within 20 s')
}

/**
 * CPU time and RSS of a process, from /proc (Linux only).
 *
 * @param pid - the process id
 * @returns its usage so far
 */
export function readProcessUsage(pid: number): ProcessUsage {
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const cpuMs = ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
  return { cpuMs, rssMb: Math.round(rssKb / 1024) }
}

/**
 * Stops a child and waits for its exit: with a `stop` IPC message (decai's processes close their
 * stores), or SIGTERM.
 */
export async function stopChild(child: Child, how: 'message' | 'signal'): Promise<void> {
  if (child.process.exitCode !== null) return
  const exited = new Promise((resolve) => child.process.once('exit', resolve))
  if (how === 'message') child.process.send({ type: 'stop' })
  else child.process.kill('SIGTERM')
  await exited
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
