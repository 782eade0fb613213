import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openSessionTreeStore } from './openSessionTreeStore.ts'
import { segmentName } from './segmentFile.ts'
import type { SessionTreeStore } from './sessionTreeStore.ts'
import { createScratchDir, makeLeaf } from './testSupport.ts'

const dirs: string[] = []
const stores: SessionTreeStore[] = []

async function openStore(dir: string, segmentBytes = 16 * 1024): Promise<SessionTreeStore> {
  if (!dirs.includes(dir)) dirs.push(dir)
  const store = await openSessionTreeStore({ dir, segmentBytes })
  stores.push(store)
  return store
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const segmentsIn = (dir: string) => readdirSync(join(dir, 'log')).sort()

describe('session tree store', () => {
  it('behavior: deleteTree after settlement forgets the tree and frees the segments only it used', async () => {
    const dir = createScratchDir()
    const store = await openStore(dir)
    const settled = await store.openTree('settled')
    // 15 frames of ~1 KB fit a 16 KiB segment, so the 50th leaf shares its segment with 'kept'.
    for (let i = 0; i < 50; i++) await settled.append(makeLeaf('settled', i))
    const kept = await store.openTree('kept')
    for (let i = 0; i < 60; i++) await kept.append(makeLeaf('kept', i))
    const before = segmentsIn(dir)
    await store.sealTree('settled')
    expect(await store.deleteTree('settled')).toBe(true)
    const after = segmentsIn(dir)
    expect(after.length).toBeLessThan(before.length)
    expect(store.getTree('settled')).toBeUndefined()
    expect(await store.deleteTree('settled')).toBe(false)
    await expect(settled.append(makeLeaf('settled', 99))).rejects.toMatchObject({ code: 'STORE_TREE_SEALED' })
    await store.close()

    const reopened = await openStore(dir)
    expect(reopened.listTrees().map((tree) => [tree.sessionKey, tree.count])).toEqual([['kept', 60]])
    expect(reopened.recovery.skippedRecords).toBeGreaterThan(0)
  })

  it('behavior: a session key reused after deletion starts an empty tree, also after reopen', async () => {
    const dir = createScratchDir()
    const store = await openStore(dir, 1 << 20)
    const old = await store.openTree('s')
    await old.append(makeLeaf('old', 1))
    // A second tree keeps the segment alive, so the old records stay on disk next to the new tree's.
    await (await store.openTree('other')).append(makeLeaf('other', 1))
    await store.deleteTree('s')
    const fresh = await store.openTree('s')
    await fresh.append(makeLeaf('new', 1))
    await store.close()
    const reopened = await openStore(dir)
    expect([...reopened.getTree('s')!.leaves()]).toEqual([makeLeaf('new', 1)])
  })

  it('behavior: deleting every tree leaves only the head segment', async () => {
    const dir = createScratchDir()
    const store = await openStore(dir)
    for (const key of ['a', 'b']) {
      const tree = await store.openTree(key)
      for (let i = 0; i < 40; i++) await tree.append(makeLeaf(key, i))
    }
    await store.deleteTree('a')
    await store.deleteTree('b')
    expect(segmentsIn(dir)).toHaveLength(1)
  })

  it('error: a failed write stops the store (STORE_IO_FAILED); a reopen has every acknowledged leaf', async () => {
    const dir = createScratchDir()
    const store = await openStore(dir)
    const tree = await store.openTree('s')
    // A stray file where the next segment must be created makes the first rotation fail.
    writeFileSync(join(dir, 'log', segmentName(2)), '')
    const acknowledged: number[] = []
    let failure: unknown
    for (let i = 0; i < 30 && !failure; i++)
      await tree.append(makeLeaf('io', i)).then(
        () => acknowledged.push(i),
        (error: unknown) => {
          failure = error
        },
      )
    expect(failure).toMatchObject({ code: 'STORE_IO_FAILED' })
    expect(acknowledged.length).toBeGreaterThan(0)
    await expect(tree.append(makeLeaf('io', 99))).rejects.toMatchObject({ code: 'STORE_IO_FAILED' })
    await store.close()

    const reopened = await openStore(dir)
    const recovered = reopened.getTree('s')!
    expect(acknowledged.every((i) => recovered.get(makeLeaf('io', i).key) !== undefined)).toBe(true)
    expect(recovered.count).toBe(acknowledged.length)
  })

  it('error: an invalid leaf is refused with STORE_INVALID_LEAF', async () => {
    const store = await openStore(createScratchDir())
    const tree = await store.openTree('s')
    const key = new Uint8Array(32)
    const value = new Uint8Array(8)
    for (const leaf of [
      { key: new Uint8Array(0), value, weight: 1n },
      { key, value, weight: -1n },
      { key, value, weight: 2n ** 64n },
      { key, value, weight: 1 as unknown as bigint },
      { key, value: new Uint8Array(5 * 1024 * 1024), weight: 1n },
      { key: 'k' as unknown as Uint8Array, value, weight: 1n },
    ])
      await expect(tree.append(leaf)).rejects.toMatchObject({ code: 'STORE_INVALID_LEAF' })
    await tree.append({ key, value, weight: 2n ** 64n - 1n })
    expect(tree.sum).toBe(2n ** 64n - 1n)
  })

  it('error: an invalid session key is refused with STORE_INVALID_SESSION_KEY', async () => {
    const store = await openStore(createScratchDir())
    await expect(store.openTree('')).rejects.toMatchObject({ code: 'STORE_INVALID_SESSION_KEY' })
    await expect(store.openTree('x'.repeat(257))).rejects.toMatchObject({ code: 'STORE_INVALID_SESSION_KEY' })
  })

  it('error: sealing an unknown tree is STORE_TREE_NOT_FOUND', async () => {
    const store = await openStore(createScratchDir())
    await expect(store.sealTree('nope')).rejects.toMatchObject({ code: 'STORE_TREE_NOT_FOUND' })
  })

  it('error: a closed store refuses every call with STORE_CLOSED', async () => {
    const store = await openStore(createScratchDir())
    const tree = await store.openTree('s')
    const pending = tree.append(makeLeaf('close', 1))
    await store.close()
    await pending
    expect(tree.count).toBe(1)
    await expect(tree.append(makeLeaf('close', 2))).rejects.toMatchObject({ code: 'STORE_CLOSED' })
    await expect(store.openTree('t')).rejects.toMatchObject({ code: 'STORE_CLOSED' })
    expect(() => store.listTrees()).toThrow(expect.objectContaining({ code: 'STORE_CLOSED' }))
  })
})
