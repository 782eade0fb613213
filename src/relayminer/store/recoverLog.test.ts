import {
  appendFileSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { encodeLeafRecord } from './leafRecord.ts'
import { openSessionTreeStore } from './openSessionTreeStore.ts'
import type { SessionTreeStore } from './sessionTreeStore.ts'
import { createScratchDir, makeLeaf } from './testSupport.ts'

const dirs: string[] = []
const stores: SessionTreeStore[] = []

async function openStore(dir: string, segmentBytes?: number): Promise<SessionTreeStore> {
  if (!dirs.includes(dir)) dirs.push(dir)
  const store = await openSessionTreeStore({ dir, ...(segmentBytes ? { segmentBytes } : {}) })
  stores.push(store)
  return store
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A store holding leaves 0..count-1 of tree 's', closed; returns its directory and newest segment. */
async function writeLeaves(count: number, segmentBytes?: number): Promise<{ dir: string; newest: string }> {
  const dir = createScratchDir()
  const store = await openStore(dir, segmentBytes)
  const tree = await store.openTree('s')
  for (let i = 0; i < count; i++) await tree.append(makeLeaf('torn', i))
  await store.close()
  const segments = readdirSync(join(dir, 'log')).sort()
  return { dir, newest: join(dir, 'log', segments.at(-1)!) }
}

const keysOf = async (dir: string) =>
  [...(await openStore(dir)).getTree('s')!.leaves()].map((leaf) => Buffer.from(leaf.key).toString('hex'))
const expectedKeys = (count: number) =>
  Array.from({ length: count }, (_, i) => Buffer.from(makeLeaf('torn', i).key).toString('hex'))

describe('recoverLog', () => {
  it('behavior: a half-written last frame is cut off and the earlier leaves are kept', async () => {
    const { dir, newest } = await writeLeaves(10)
    const frame = encodeLeafRecord(1, makeLeaf('torn', 10))
    appendFileSync(newest, frame.subarray(0, 600))
    const sizeBefore = statSync(newest).size
    expect(await keysOf(dir)).toEqual(expectedKeys(10))
    expect(stores.at(-1)!.recovery.truncatedBytes).toBe(600)
    expect(statSync(newest).size).toBe(sizeBefore - 600)
  })

  it('behavior: a zero-filled tail (size grew, data never written) is cut off', async () => {
    const { dir, newest } = await writeLeaves(5)
    appendFileSync(newest, Buffer.alloc(8192))
    expect(await keysOf(dir)).toEqual(expectedKeys(5))
    expect(stores.at(-1)!.recovery.truncatedBytes).toBe(8192)
  })

  it('behavior: a record failing its checksum in the newest segment ends the log there', async () => {
    const { dir, newest } = await writeLeaves(10)
    const bytes = readFileSync(newest)
    const frameBytes = encodeLeafRecord(1, makeLeaf('torn', 0)).length
    bytes[bytes.length - frameBytes - 100]! ^= 0x40
    writeFileSync(newest, bytes)
    expect(await keysOf(dir)).toEqual(expectedKeys(8))
    expect(stores.at(-1)!.recovery.truncatedBytes).toBe(2 * frameBytes)
  })

  it('behavior: a torn tail cut once stays cut: the next open finds a clean log', async () => {
    const { dir, newest } = await writeLeaves(3)
    appendFileSync(newest, Buffer.from([1, 2, 3]))
    await (await openStore(dir)).close()
    const again = await openStore(dir)
    expect(again.recovery.truncatedBytes).toBe(0)
    expect(again.getTree('s')!.count).toBe(3)
  })

  it('behavior: a newest segment with a torn header is removed', async () => {
    const { dir } = await writeLeaves(3)
    const torn = join(dir, 'log', '000000000099.log')
    writeFileSync(torn, Buffer.from('DCS'))
    expect(await keysOf(dir)).toEqual(expectedKeys(3))
    expect(readdirSync(join(dir, 'log'))).not.toContain('000000000099.log')
  })

  it('error: a bad record in an older, synced segment is STORE_CORRUPT_LOG', async () => {
    const { dir } = await writeLeaves(40, 16 * 1024)
    const oldest = join(dir, 'log', readdirSync(join(dir, 'log')).sort()[0]!)
    const bytes = readFileSync(oldest)
    bytes[100]! ^= 1
    writeFileSync(oldest, bytes)
    await expect(openSessionTreeStore({ dir })).rejects.toMatchObject({ code: 'STORE_CORRUPT_LOG' })
  })

  it('error: a truncated older segment is STORE_CORRUPT_LOG, not a silent loss', async () => {
    const { dir } = await writeLeaves(40, 16 * 1024)
    const oldest = join(dir, 'log', readdirSync(join(dir, 'log')).sort()[0]!)
    truncateSync(oldest, statSync(oldest).size - 10)
    await expect(openSessionTreeStore({ dir })).rejects.toMatchObject({ code: 'STORE_CORRUPT_LOG' })
  })
})
