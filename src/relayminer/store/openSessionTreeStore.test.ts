import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SparseMerkleSumTrie } from '../../protocol/smst/SparseMerkleSumTrie.ts'
import { openSessionTreeStore } from './openSessionTreeStore.ts'
import type { SessionTreeStore } from './sessionTreeStore.ts'
import { createScratchDir, makeLeaf } from './testSupport.ts'

const dirs: string[] = []
const stores: SessionTreeStore[] = []

async function openStore(dir = createScratchDir(), segmentBytes?: number): Promise<SessionTreeStore> {
  if (!dirs.includes(dir)) dirs.push(dir)
  const store = await openSessionTreeStore({ dir, ...(segmentBytes ? { segmentBytes } : {}) })
  stores.push(store)
  return store
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const summary = (leaves: Iterable<{ key: Uint8Array; value: Uint8Array; weight: bigint }>) =>
  [...leaves].map((leaf) => [hex(leaf.key), hex(leaf.value), leaf.weight]).sort()

describe('openSessionTreeStore', () => {
  it('default: an empty directory opens with nothing to recover', async () => {
    const store = await openStore()
    expect(store.listTrees()).toEqual([])
    expect(store.recovery).toMatchObject({ segments: 0, records: 0, truncatedBytes: 0 })
  })

  it('behavior: acknowledged leaves of several trees survive close and reopen', async () => {
    const dir = createScratchDir()
    const store = await openStore(dir)
    const trees = [await store.openTree('session-a'), await store.openTree('session-b')]
    const leaves = Array.from({ length: 300 }, (_, i) => makeLeaf('round-trip', i))
    await Promise.all(leaves.map((leaf, i) => trees[i % 2]!.append(leaf)))
    const sumA = leaves.filter((_, i) => i % 2 === 0).reduce((sum, leaf) => sum + leaf.weight, 0n)
    expect(trees[0]!.count).toBe(150)
    expect(trees[0]!.sum).toBe(sumA)
    await store.close()

    const reopened = await openStore(dir)
    expect(reopened.recovery).toMatchObject({ records: 300, skippedRecords: 0, truncatedBytes: 0 })
    const a = reopened.getTree('session-a')!
    expect(summary(a.leaves())).toEqual(summary(leaves.filter((_, i) => i % 2 === 0)))
    expect(a.sum).toBe(sumA)
    expect(a.get(leaves[2]!.key)?.weight).toBe(leaves[2]!.weight)
    const rebuilt = a.rebuild(new SparseMerkleSumTrie({ valueHasher: 'none' }))
    const fresh = SparseMerkleSumTrie.fromLeaves(
      leaves.filter((_, i) => i % 2 === 0),
      { valueHasher: 'none' },
    )
    expect(rebuilt.root()).toEqual(fresh.root())
    expect(rebuilt.sum()).toBe(sumA)
  })

  it('behavior: a leaf shows in the tree only once its append has resolved', async () => {
    const store = await openStore()
    const tree = await store.openTree('s')
    const appended = tree.append(makeLeaf('pending', 1))
    expect(tree.count).toBe(0)
    await appended
    expect(tree.count).toBe(1)
  })

  it('behavior: a duplicate key replaces the leaf and counts once, also after reopen', async () => {
    const dir = createScratchDir()
    const store = await openStore(dir)
    const tree = await store.openTree('s')
    const first = makeLeaf('dup', 1)
    const replaced = { key: first.key, value: new Uint8Array([1, 2, 3]), weight: 7n }
    // The same key twice in one batch, then again in a later one: the last append wins.
    await Promise.all([tree.append(first), tree.append(first), tree.append(makeLeaf('dup', 2))])
    await tree.append(replaced)
    expect(tree.count).toBe(2)
    expect(tree.sum).toBe(7n + makeLeaf('dup', 2).weight)
    await store.close()
    const reopened = (await openStore(dir)).getTree('s')!
    expect(reopened.count).toBe(2)
    expect(reopened.get(first.key)).toEqual(replaced)
    expect(reopened.sum).toBe(tree.sum)
    // As the trie does: replaying the appends in order gives the same root as the rebuilt tree.
    const replayed = SparseMerkleSumTrie.fromLeaves([first, first, makeLeaf('dup', 2), replaced], {
      valueHasher: 'none',
    })
    expect(reopened.rebuild(new SparseMerkleSumTrie({ valueHasher: 'none' })).root()).toEqual(replayed.root())
  })

  it('behavior: the store keeps its own copy of appended bytes', async () => {
    const store = await openStore()
    const tree = await store.openTree('s')
    const leaf = makeLeaf('copy', 1)
    await tree.append(leaf)
    leaf.value.fill(0)
    expect(tree.get(leaf.key)?.value).toEqual(makeLeaf('copy', 1).value)
  })

  it('behavior: concurrent openTree calls return one tree', async () => {
    const store = await openStore()
    const [a, b] = await Promise.all([store.openTree('s'), store.openTree('s')])
    expect(a).toBe(b)
    expect(store.listTrees()).toHaveLength(1)
  })

  it('error: a directory already open (here, in this process) is STORE_LOCKED until closed', async () => {
    const dir = createScratchDir()
    const store = await openStore(dir)
    await expect(openSessionTreeStore({ dir })).rejects.toMatchObject({ code: 'STORE_LOCKED' })
    await store.close()
    await (await openStore(dir)).close()
  })

  it('behavior: a lock left by a process that is gone is taken over', async () => {
    const dir = createScratchDir()
    await (await openStore(dir)).close()
    // No process runs with pid 2^22 + 1 (above Linux's pid_max limit).
    writeFileSync(join(dir, 'LOCK'), String(2 ** 22 + 1))
    expect((await openStore(dir)).listTrees()).toEqual([])
  })

  it('behavior: a sealed tree refuses appends and is still sealed after reopen', async () => {
    const dir = createScratchDir()
    const store = await openStore(dir)
    const tree = await store.openTree('s')
    const before = tree.append(makeLeaf('seal', 1))
    const sealing = store.sealTree('s')
    await expect(tree.append(makeLeaf('seal', 2))).rejects.toMatchObject({ code: 'STORE_TREE_SEALED' })
    await Promise.all([before, sealing])
    expect(tree.state).toBe('sealed')
    expect(tree.count).toBe(1)
    await store.close()
    const reopened = await openStore(dir)
    expect(reopened.listTrees()).toEqual([{ sessionKey: 's', state: 'sealed', count: 1, sum: 2n }])
  })

  it('behavior: a leaf set spread over many segments is recovered whole', async () => {
    const dir = createScratchDir()
    const store = await openStore(dir, 16 * 1024)
    const tree = await store.openTree('s')
    const leaves = Array.from({ length: 200 }, (_, i) => makeLeaf('rotate', i))
    for (let i = 0; i < leaves.length; i += 20)
      await Promise.all(leaves.slice(i, i + 20).map((l) => tree.append(l)))
    await store.close()
    expect(readdirSync(join(dir, 'log')).length).toBeGreaterThan(5)
    const reopened = await openStore(dir)
    expect(summary(reopened.getTree('s')!.leaves())).toEqual(summary(leaves))
  })
})
