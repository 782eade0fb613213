import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { SparseMerkleSumTrie } from '../../protocol/smst/SparseMerkleSumTrie.ts'
import { openSessionTreeStore } from './openSessionTreeStore.ts'
import {
  createScratchDir,
  isSameLeaf,
  leafIndexOf,
  leafIndexOfAppend,
  makeLeaf,
  SIGKILL_SEGMENT_BYTES,
  sessionKeyOfLeaf,
} from './testSupport.ts'

const writer = fileURLToPath(new URL('./sigkillWriter.ts', import.meta.url))
const dirs: string[] = []

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Runs the writer on `dir` and SIGKILLs it once `killAfterAcks` appends were acknowledged; returns the acks. */
function runAndKill(dir: string, seed: string, firstIndex: number, killAfterAcks: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, seed, String(firstIndex)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const acked: number[] = []
  let partial = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n')
    partial = lines.pop()!
    for (const line of lines) acked.push(Number(line))
    if (acked.length >= killAfterAcks) child.kill('SIGKILL')
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) =>
      signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer exited on its own (code ${code})`)),
    )
  })
}

/**
 * Reopens the store; every acknowledged append must be there with its value and weight, every recovered leaf
 * must be one the writer wrote, and each tree rebuilt from the store must have the root of a fresh trie fed
 * the generator's leaves. Returns the number of recovered leaves.
 */
async function checkRecovered(dir: string, seed: string, acked: number[]): Promise<number> {
  const store = await openSessionTreeStore({ dir, segmentBytes: SIGKILL_SEGMENT_BYTES })
  try {
    const lost = acked.filter((i) => {
      const expected = makeLeaf(seed, leafIndexOfAppend(i))
      const leaf = store.getTree(sessionKeyOfLeaf(leafIndexOfAppend(i)))?.get(expected.key)
      return !leaf || !isSameLeaf(leaf, expected)
    })
    expect(lost, 'acknowledged appends missing or altered after recovery').toEqual([])
    let recovered = 0
    for (const { sessionKey } of store.listTrees()) {
      const tree = store.getTree(sessionKey)!
      const originals = []
      for (const leaf of tree.leaves()) {
        // Unacknowledged appends may or may not be on disk, but whatever is there must be intact.
        const original = makeLeaf(seed, leafIndexOf(leaf.value))
        expect(isSameLeaf(leaf, original), `recovered leaf ${leafIndexOf(leaf.value)}`).toBe(true)
        originals.push(original)
      }
      // The trie rebuilt from the store has the root of a fresh trie fed the writer's leaves in another order.
      const rebuilt = tree.rebuild(new SparseMerkleSumTrie({ valueHasher: 'none' }))
      const fresh = SparseMerkleSumTrie.fromLeaves(originals.reverse(), { valueHasher: 'none' })
      expect(Buffer.from(rebuilt.root()).equals(Buffer.from(fresh.root()))).toBe(true)
      expect([rebuilt.count(), rebuilt.sum()]).toEqual([tree.count, tree.sum])
      recovered += tree.count
    }
    return recovered
  } finally {
    await store.close()
  }
}

describe('SIGKILL', () => {
  it('behavior: every acknowledged append survives a SIGKILL at a random moment, across restarts', async () => {
    const dir = createScratchDir()
    dirs.push(dir)
    const seed = `sigkill-${Math.random()}`
    // Each run restarts on the same directory (recovering what the last one left) and appends new leaves;
    // it is killed after a random number of acknowledgements, somewhere in the middle of its stream.
    const killPoints = [300, 800, 1500, 3000].map((n) => n + Math.floor(Math.random() * n))
    const allAcked: number[] = []
    for (const [run, killAfter] of killPoints.entries()) {
      const acked = await runAndKill(dir, seed, (run + 1) * 1_000_000, killAfter)
      expect(acked.length).toBeGreaterThanOrEqual(killAfter)
      allAcked.push(...acked)
      const recovered = await checkRecovered(dir, seed, allAcked)
      expect(recovered).toBeGreaterThanOrEqual(new Set(allAcked.map(leafIndexOfAppend)).size)
    }
  })
})
