import { open, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { StoreIoFailedError, StoreLockedError } from './errors.ts'

const LOCK_FILE = 'LOCK'

/**
 * Takes the store directory for this process: a `LOCK` file holding our pid, created exclusively. A lock
 * left by a process that no longer runs (a crash, SIGKILL) is taken over; one held by a live process,
 * including this one, is refused, because two writers would each cut the other's "torn" tail.
 *
 * @param dir - the store directory
 * @returns a function that releases the lock
 * @example
 * const release = await lockDirectory(dir)
 */
export async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => unlink(path).catch(() => undefined)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new StoreIoFailedError({ operation: 'locking the store directory', cause: error })
    }
    const holder = Number(await readFile(path, 'utf8').catch(() => ''))
    if (isRunning(holder)) throw new StoreLockedError({ pid: holder })
    await unlink(path).catch(() => undefined)
  }
  throw new StoreLockedError({ pid: undefined })
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
