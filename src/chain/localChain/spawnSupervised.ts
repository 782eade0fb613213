import { type ChildProcess, spawn } from 'node:child_process'

// The supervisor: anvil runs as a child of a tiny shell that waits on its stdin. When the stdin pipe
// closes — because stop() closed it, or because the parent died in any way, even SIGKILL, and the OS closed
// it — the shell sends anvil SIGTERM, which makes anvil dump its state, and exits with anvil's status.
// Node has no prctl(PR_SET_PDEATHSIG), so this is the portable way to never leave an orphan node behind.
const supervisorScript = [
  'exec 3<&0',
  '"$0" "$@" </dev/null 3<&- &',
  'child=$!',
  '{ read -r _ <&3; kill -TERM "$child" 2>/dev/null; } &',
  'watcher=$!',
  'wait "$child"; status=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join('\n')

/**
 * Spawns `command` so that it is terminated (SIGTERM) when the returned process's stdin closes, which
 * happens on `child.stdin.end()` and whenever this process exits. The child leads its own process group
 * so that a last-resort `process.kill(-pid, 'SIGKILL')` reaches both the shell and the command.
 *
 * On Windows there is no POSIX shell: the command is spawned directly and killed on this process's `exit`.
 *
 * @returns the supervisor (or, on Windows, the command itself)
 * @example
 * const child = spawnSupervised('/path/to/anvil', ['--port', '8545'])
 * child.stdin?.end() // anvil gets SIGTERM, dumps its state and exits
 */
export function spawnSupervised(command: string, args: readonly string[]): ChildProcess {
  if (process.platform === 'win32') {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] })
    const kill = () => child.kill()
    process.once('exit', kill)
    child.once('exit', () => process.off('exit', kill))
    return child
  }
  return spawn('/bin/sh', ['-c', supervisorScript, command, ...args], {
    stdio: ['pipe', 'ignore', 'pipe'],
    detached: true,
  })
}
