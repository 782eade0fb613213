import type { ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { type Logger, pino } from 'pino'
import { ChainLocalChainError } from '../errors/localChain.ts'
import { buildAnvilArgs } from './buildAnvilArgs.ts'
import { findFreePort } from './findFreePort.ts'
import { isPortFree } from './isPortFree.ts'
import { jsonRpcRequest } from './jsonRpcRequest.ts'
import { resolveAnvilPath } from './resolveAnvilPath.ts'
import { spawnSupervised } from './spawnSupervised.ts'
import { waitForRpc } from './waitForRpc.ts'

export type StartLocalChainParameters = {
  /** TCP port; 0 or omitted picks a free one. */
  port?: number | undefined
  host?: string | undefined
  /** Persist the chain here: loaded at start when it exists, dumped on stop and every `stateIntervalSec`. */
  stateFile?: string | undefined
  /** Periodic dumps so that a hard kill loses little. Default 5 s when `stateFile` is set. */
  stateIntervalSec?: number | undefined
  /** Seconds between blocks (fractions allowed); omit for automine, one block per transaction. */
  blockTimeSec?: number | undefined
  chainId?: number | undefined
  logger?: Logger | undefined
  /** How long to wait for the first `eth_chainId` answer. Default 15 s (the box may be busy). */
  startTimeoutMs?: number | undefined
  /** How long `stop()` waits for the state dump before killing. Default 15 s. */
  stopTimeoutMs?: number | undefined
  /** Another anvil executable; default the one `@foundry-rs/anvil` installed. */
  anvilPath?: string | undefined
  /** More anvil options, appended as given. */
  extraArgs?: readonly string[] | undefined
}

export type StartLocalChainReturnType = {
  rpcUrl: string
  host: string
  port: number
  chainId: number
  stateFile: string | undefined
  /** Sends one raw JSON-RPC request (`evm_mine`, `evm_snapshot`, `anvil_setBalance`…). */
  request: <T = unknown>(method: string, params?: readonly unknown[]) => Promise<T>
  /** Mines `blocks` blocks now (default 1), whatever the block time. */
  mine: (blocks?: number) => Promise<void>
  /** Whether the node process is still running. */
  isRunning: () => boolean
  /** Stops the node; with a state file, anvil dumps the chain into it first. Idempotent. */
  stop: () => Promise<void>
}

export type StartLocalChainErrorType = ChainLocalChainError

/**
 * Starts a local anvil chain and waits until it answers JSON-RPC.
 *
 * The node is supervised: it is terminated when this process exits, however it exits, so tests and the
 * devnet never leave orphan nodes. With `stateFile`, balances, contracts and block history survive a restart.
 *
 * @param parameters port, host, state file, block time, chain id, logger
 * @returns the RPC URL, helpers, and `stop()`
 * @throws {ChainLocalChainError} when anvil is missing, exits at start (port taken, bad state file) or times out
 * @example
 * const chain = await startLocalChain({ port: 0, stateFile: '.data/chain.json', blockTimeSec: 1 })
 * // … use chain.rpcUrl …
 * await chain.stop()
 */
export async function startLocalChain(
  parameters: StartLocalChainParameters = {},
): Promise<StartLocalChainReturnType> {
  const { host = '127.0.0.1', stateFile, blockTimeSec, chainId, startTimeoutMs = 15_000 } = parameters
  const logger = (parameters.logger ?? pino({ level: 'silent' })).child({ component: 'localChain' })
  const port = parameters.port || (await findFreePort(host))
  if (parameters.port && !(await isPortFree(host, port))) {
    throw new ChainLocalChainError({ reason: `port ${port} on ${host} is already in use` })
  }
  if (stateFile) mkdirSync(dirname(stateFile), { recursive: true })
  const stateIntervalSec = stateFile ? (parameters.stateIntervalSec ?? 5) : undefined
  const args = buildAnvilArgs({ host, port, chainId, blockTimeSec, stateFile, stateIntervalSec })
  const child = spawnSupervised(parameters.anvilPath ?? resolveAnvilPath(), [
    ...args,
    ...(parameters.extraArgs ?? []),
  ])
  const process_ = watchProcess(child, logger)
  const rpcUrl = `http://${urlHost(host)}:${port}`
  const actualChainId = await waitUntilReady(rpcUrl, startTimeoutMs, process_)
  logger.info({ rpcUrl, chainId: actualChainId, stateFile, blockTimeSec }, 'local chain started')
  const request = <T>(method: string, params: readonly unknown[] = []) =>
    jsonRpcRequest<T>({ url: rpcUrl, method, params })
  return {
    rpcUrl,
    host,
    port,
    chainId: actualChainId,
    stateFile,
    request,
    mine: async (blocks = 1) => void (await request('anvil_mine', [`0x${blocks.toString(16)}`])),
    isRunning: () => process_.exitCode === undefined,
    stop: () => stopProcess(child, process_, parameters.stopTimeoutMs ?? 15_000, logger),
  }
}

type WatchedProcess = {
  exitCode: number | null | undefined
  exited: Promise<void>
  stderrTail: () => string
  isStopping: boolean
}

function watchProcess(child: ChildProcess, logger: Logger): WatchedProcess {
  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    // Keep only the tail: it holds the reason when anvil fails at start.
    stderr = (stderr + chunk).slice(-4_096)
  })
  const watched: WatchedProcess = {
    exitCode: undefined,
    exited: new Promise((resolve) => child.once('exit', () => resolve())),
    stderrTail: () => stderr.trim(),
    isStopping: false,
  }
  child.once('exit', (code) => {
    watched.exitCode = code
    if (!watched.isStopping)
      logger.error({ code, stderr: watched.stderrTail() }, 'local chain exited unexpectedly; restart it')
  })
  child.once('error', (error) => logger.error({ err: error }, 'local chain process error'))
  return watched
}

async function waitUntilReady(rpcUrl: string, timeoutMs: number, watched: WatchedProcess): Promise<number> {
  const abort = new AbortController()
  void watched.exited.then(() => abort.abort())
  try {
    return await waitForRpc({ url: rpcUrl, timeoutMs, abortSignal: abort.signal })
  } catch (cause) {
    const reason = abort.signal.aborted
      ? `anvil exited at start (status ${watched.exitCode})`
      : 'anvil did not answer in time'
    throw new ChainLocalChainError({ reason, details: watched.stderrTail() || undefined, cause })
  } finally {
    abort.abort()
  }
}

async function stopProcess(child: ChildProcess, watched: WatchedProcess, timeoutMs: number, logger: Logger) {
  if (watched.exitCode !== undefined) return
  watched.isStopping = true
  // Closing stdin makes the supervisor SIGTERM anvil, which dumps its state before exiting.
  child.stdin?.end()
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), timeoutMs)
  })
  const isTimedOut = await Promise.race([watched.exited.then(() => false), timedOut])
  clearTimeout(timer)
  if (isTimedOut && child.pid !== undefined) {
    logger.warn({ timeoutMs }, 'local chain did not stop in time; killed, its last state dump may be lost')
    if (process.platform === 'win32') child.kill('SIGKILL')
    else process.kill(-child.pid, 'SIGKILL')
    await watched.exited
  }
  logger.info({ code: watched.exitCode }, 'local chain stopped')
}

// IPv6 literals need brackets inside a URL.
const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host)
