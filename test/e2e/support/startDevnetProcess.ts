import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { DevnetStatus } from '../../../src/cli/devnet/devnetStatus.ts'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

/** Ports a test devnet listens on (fixed for its lifetime: supplier endpoints are on the ledger). */
export type DevnetPorts = {
  rpc: number
  gateway: number
  watcher: number
  explorer: number
  relayMiners: number[]
}

/** A `decai devnet` process started by a test, as a newcomer would start it (`npm start` runs the same). */
export type DevnetProcess = {
  status: DevnetStatus
  /** Everything it printed on stderr (progress), for failure messages. */
  stderr(): string
  /** Ctrl-C: SIGINT, then waits for the clean stop. Resolves with the exit code. */
  stop(): Promise<number | null>
}

/**
 * Starts `decai devnet --json` on a data directory and the given ports, and resolves with the status it
 * prints once every role is ready.
 *
 * @param parameters - data directory, ports, optional ledger parameter overrides (written to a file)
 * @returns the running devnet
 * @example
 * const devnet = await startDevnetProcess({ dataDir, ports })
 */
export async function startDevnetProcess(parameters: {
  dataDir: string
  ports: DevnetPorts
  params?: Record<string, number> | undefined
  /** More `decai devnet` options, e.g. `--no-watcher`. */
  extraArgs?: readonly string[] | undefined
}): Promise<DevnetProcess> {
  const { dataDir, ports } = parameters
  const args = [
    join(repoRoot, 'bin/decai.js'),
    'devnet',
    '--json',
    '--data-dir',
    dataDir,
    '--rpc-port',
    String(ports.rpc),
    '--gateway-port',
    String(ports.gateway),
    '--relayminer-ports',
    ports.relayMiners.join(','),
    '--watcher-port',
    String(ports.watcher),
    '--explorer-port',
    String(ports.explorer),
    ...(parameters.extraArgs ?? []),
  ]
  if (parameters.params) {
    const file = join(dataDir, '..', `${dataDir.split('/').pop()}-params.json`)
    writeFileSync(file, JSON.stringify({ base: 'devnet', params: parameters.params }))
    args.push('--params', file)
  }
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  // If the test process dies, the devnet must not outlive it (its roles and chain follow it down).
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const status = await readStatusLine(child, exited, () => stderr)
  return {
    status,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT')
      const code = await exited
      process.off('exit', killOnExit)
      return code
    },
  }
}

async function readStatusLine(
  child: ChildProcess,
  exited: Promise<number | null>,
  stderr: () => string,
): Promise<DevnetStatus> {
  const lines = createInterface({ input: child.stdout! })
  const fromStdout = (async () => {
    for await (const line of lines) {
      const parsed = tryParse(line)
      if (parsed && (parsed as { version?: unknown }).version === 1) return parsed as DevnetStatus
    }
    throw new Error(`decai devnet closed its output before it was ready:\n${stderr()}`)
  })()
  const early = exited.then((code) => {
    throw new Error(`decai devnet exited (${code}) before it was ready:\n${stderr()}`)
  })
  return Promise.race([fromStdout, early])
}

function tryParse(line: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    return undefined
  }
}
