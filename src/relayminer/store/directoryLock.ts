import { open, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { StoreIoFailedError, StoreLockedError } from './errors.ts'

const LOCK_FILE = 'LOCK'

/**
 * Who holds a lock. A pid alone is not an identity: pids are reused, and in a container the relayminer
 * is often pid 1 on every start, so a `kill -9` would leave a LOCK naming the next process's own pid.
 * Where Linux's /proc is there, the holder is the pid plus its start time (clock ticks since boot,
 * /proc/<pid>/stat field 22) and the boot id: a process with the same pid but another start time or boot
 * is not the holder.
 */
type LockHolder = { pid: number; startTime?: string; bootId?: string }

/**
 * Takes the store directory for this process: a `LOCK` file naming us (pid, and where /proc exists our
 * start time and boot id), created exclusively. A lock whose holder no longer runs (a crash, SIGKILL, a
 * reboot, its pid now used by another process, this one included) is taken over; one held by a live
 * holder, including this very process, is refused, because two writers would each cut the other's
 * "torn" tail. Without /proc (macOS) a live pid counts as the holder.
 *
 * @param dir - the store directory
 * @returns a function that releases the lock
 * @example
 * const release = await lockDirectory(dir)
 */
export async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE)
  const self = await identify(process.pid)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(`${JSON.stringify(self ?? { pid: process.pid })}\n`)
      await handle.close()
      return () => unlink(path).catch(() => undefined)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new StoreIoFailedError({ operation: 'locking the store directory', cause: error })
    }
    const holder = parseHolder(await readFile(path, 'utf8').catch(() => ''))
    if (holder && (await isHolding(holder))) throw new StoreLockedError({ pid: holder.pid })
    await unlink(path).catch(() => undefined)
  }
  throw new StoreLockedError({ pid: undefined })
}

/**
 * What a LOCK file says (a JSON holder, or a bare pid as older versions wrote).
 *
 * @param text - the file's content
 * @returns the holder, or undefined when the file names none (empty, torn)
 * @example
 * parseHolder('{"pid":7,"startTime":"1501487","bootId":"4e6c…"}')
 */
export function parseHolder(text: string): LockHolder | undefined {
  const trimmed = text.trim()
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) }
  try {
    const value = JSON.parse(trimmed) as Partial<LockHolder>
    if (!Number.isInteger(value.pid) || (value.pid as number) <= 0) return undefined
    return {
      pid: value.pid as number,
      ...(typeof value.startTime === 'string' ? { startTime: value.startTime } : {}),
      ...(typeof value.bootId === 'string' ? { bootId: value.bootId } : {}),
    }
  } catch {
    return undefined
  }
}

async function isHolding(holder: LockHolder): Promise<boolean> {
  if (!isRunning(holder.pid)) return false
  if (holder.startTime === undefined || holder.bootId === undefined) return true
  const running = await identify(holder.pid)
  // No /proc now although the holder had one: cannot tell, so the live pid counts.
  if (!running) return true
  return running.startTime === holder.startTime && running.bootId === holder.bootId
}

/**
 * A process's identity from /proc, or undefined where there is no /proc (or no such process).
 *
 * @param pid - the process
 * @returns pid, start time in clock ticks since boot, and the boot id
 * @example
 * await identify(process.pid) // { pid: 4242, startTime: '1501487', bootId: '4e6ca979-…' }
 */
export async function identify(pid: number): Promise<Required<LockHolder> | undefined> {
  try {
    const [stat, bootId] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      readFile('/proc/sys/kernel/random/boot_id', 'utf8'),
    ])
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count fields after the last ')'.
    // Field 22 (starttime) is the 20th after it (field 3, state, is the first).
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
    if (startTime === undefined || !/^\d+$/.test(startTime)) return undefined
    return { pid, startTime, bootId: bootId.trim() }
  } catch {
    return undefined
  }
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
