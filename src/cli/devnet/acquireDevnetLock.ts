import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { CliDevnetLockedError } from '../context/cliErrors.ts'

/**
 * Takes the data directory's lock file (it holds the owner's pid), so two devnets never share one chain
 * state and one set of stores. A lock left by a process that no longer runs is taken over.
 *
 * @param file - the lock file
 * @returns a function that releases the lock
 * @throws {CliDevnetLockedError} when a live process holds it
 * @example
 * const release = acquireDevnetLock(paths.lock)
 */
export function acquireDevnetLock(file: string): () => void {
  mkdirSync(dirname(file), { recursive: true })
  for (;;) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' })
      return () => rmSync(file, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const pid = Number(readFileSync(file, 'utf8').trim())
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid))
      throw new CliDevnetLockedError({ dir: dirname(file), pid })
    rmSync(file, { force: true })
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
