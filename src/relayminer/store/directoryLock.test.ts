import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { identify, lockDirectory, parseHolder } from './directoryLock.ts'
import { createScratchDir } from './testSupport.ts'

const hasProc = existsSync('/proc/self/stat')
const dirs: string[] = []
const releases: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const release of releases.splice(0)) await release()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function scratch(lock?: unknown): string {
  const dir = createScratchDir()
  dirs.push(dir)
  if (lock !== undefined)
    writeFileSync(join(dir, 'LOCK'), typeof lock === 'string' ? lock : JSON.stringify(lock))
  return dir
}

async function take(dir: string) {
  const release = await lockDirectory(dir)
  releases.push(release)
  return release
}

describe('lockDirectory', () => {
  it('default: the LOCK names this process, and release removes it', async () => {
    const dir = scratch()
    const release = await take(dir)
    const holder = parseHolder(readFileSync(join(dir, 'LOCK'), 'utf8'))
    expect(holder?.pid).toBe(process.pid)
    if (hasProc) expect(holder).toEqual(await identify(process.pid))
    await release()
    expect(existsSync(join(dir, 'LOCK'))).toBe(false)
  })

  it('error: a directory this process holds is refused', async () => {
    const dir = scratch()
    await take(dir)
    await expect(lockDirectory(dir)).rejects.toMatchObject({ code: 'STORE_LOCKED' })
  })

  it.runIf(hasProc)(
    'behavior: a LOCK naming a live pid with another start time or boot (the pid was reused) is taken over',
    async () => {
      const self = (await identify(process.pid))!
      // A container restarted after kill -9: the new relayminer has the dead one's pid (often 1).
      await take(scratch({ ...self, startTime: String(Number(self.startTime) - 1) }))
      await take(scratch({ ...self, bootId: '00000000-0000-0000-0000-000000000000' }))
    },
  )

  it.runIf(hasProc)('error: a live holder is refused until it exits, then taken over', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' })
    try {
      const holder = await waitForIdentity(child.pid!)
      const dir = scratch(holder)
      await expect(lockDirectory(dir)).rejects.toMatchObject({ code: 'STORE_LOCKED' })
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGKILL')
      await exited
      await take(dir)
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('behavior: a bare pid (older LOCK files): refused while it runs, taken over once gone', async () => {
    await expect(lockDirectory(scratch(String(process.pid)))).rejects.toMatchObject({ code: 'STORE_LOCKED' })
    // No process runs with pid 2^22 + 1 (above Linux's pid_max limit).
    await take(scratch(String(2 ** 22 + 1)))
  })

  it('behavior: an empty or torn LOCK names no holder and is taken over', async () => {
    expect(parseHolder('')).toBeUndefined()
    expect(parseHolder('{"pid":')).toBeUndefined()
    expect(parseHolder('{"pid":-3}')).toBeUndefined()
    await take(scratch(''))
    await take(scratch('{"pid":'))
  })
})

async function waitForIdentity(pid: number) {
  for (let i = 0; i < 100; i++) {
    const found = await identify(pid)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`no /proc entry for ${pid}`)
}
