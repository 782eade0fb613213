import { type ChildProcess, spawn } from 'node:child_process'
import { closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { findPackageRoot } from '../../explorer/findPackageRoot.ts'

// The entry point, not this module's own file: role processes start as an operator's `decai` does.
const decaiBin = join(findPackageRoot(), 'bin', 'decai.js')

// Loaded into every role process before the CLI: when the IPC channel to the devnet closes (the devnet
// stopped it, or died in any way, even SIGKILL, and the OS closed the channel), the role stops itself
// gracefully with SIGTERM. So no relayminer or gateway is ever left running without its devnet. The
// channel is unref'd so that it never keeps a finished process alive. Only the role process itself acts:
// node passes `--import` on to processes it forks (llama.cpp's binary probe is one, with its own IPC
// channel), so the marker variable is consumed by the first process that sees it.
const roleMarker = 'DECAI_DEVNET_ROLE_PROCESS'
const exitWithParentHook = `data:text/javascript,${encodeURIComponent(
  `if(process.env.${roleMarker}){delete process.env.${roleMarker};process.channel?.unref();` +
    "process.on('disconnect',()=>process.kill(process.pid,'SIGTERM'))}",
)}`

/** A role process: a `decai` sub-command (relayminer, gateway) run by the devnet. */
export type RoleChild = {
  name: string
  child: ChildProcess
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>
  /** Whether the process is still running. */
  isRunning(): boolean
  /** SIGTERM, then SIGKILL after `timeoutMs`. Resolves once it has exited. */
  stop(timeoutMs: number): Promise<void>
}

/**
 * Starts `decai <args…>` as a child process in its own process group, with stdout and stderr appended to a
 * log file. Its own process group means a Ctrl-C in the terminal reaches only the devnet, which then stops
 * its roles in order (gateway first, chain last); the IPC hook above stops the role if the devnet dies.
 *
 * @param parameters - the role's name, arguments, extra environment and log file
 * @returns the running role
 * @example
 * const role = spawnRole({ name: 'gateway', args: ['gateway', 'start', '--config', file], env: {}, logFile })
 */
export function spawnRole(parameters: {
  name: string
  args: readonly string[]
  env: Readonly<Record<string, string>>
  logFile: string
  /**
   * A command that runs the role on another host and then execs it in place, e.g.
   * `['ip', 'netns', 'exec', 'supplier-1']`. Default: none (this host).
   */
  launcher?: readonly string[] | undefined
}): RoleChild {
  mkdirSync(dirname(parameters.logFile), { recursive: true })
  const log = openSync(parameters.logFile, 'a')
  const [command, ...prefix] = [...(parameters.launcher ?? []), process.execPath]
  const child = spawn(command!, [...prefix, '--import', exitWithParentHook, decaiBin, ...parameters.args], {
    stdio: ['ignore', log, log, 'ipc'],
    detached: true,
    env: { ...process.env, ...parameters.env, [roleMarker]: '1' },
  })
  closeSync(log)
  let exitResult: number | string | undefined
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitResult = code ?? signal ?? 'unknown'
      resolve(exitResult)
    })
    child.once('error', (error) => {
      exitResult = error.message
      resolve(exitResult)
    })
  })
  // The channel exists only to tell the role when the devnet is gone; it must not keep the devnet alive.
  child.channel?.unref()
  return {
    name: parameters.name,
    child,
    exited,
    isRunning: () => exitResult === undefined,
    stop: (timeoutMs) => stopChild(child, exited, () => exitResult === undefined, timeoutMs),
  }
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<unknown>,
  isRunning: () => boolean,
  timeoutMs: number,
): Promise<void> {
  if (!isRunning()) return
  child.kill('SIGTERM')
  let timer: NodeJS.Timeout | undefined
  const isTimedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs)
    }),
  ])
  clearTimeout(timer)
  if (isTimedOut && child.pid !== undefined) {
    // The whole group: a role may have children of its own.
    process.kill(-child.pid, 'SIGKILL')
    await exited
  }
}
