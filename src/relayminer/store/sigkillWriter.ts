/**
 * Child process of the SIGKILL test: `node --import tsx sigkillWriter.ts <dir> <seed> <firstIndex>`.
 * Appends leaves firstIndex, firstIndex + 1, … to three trees from 64 concurrent writers as fast as it can,
 * and prints each append's number on stdout only after the append resolved. Every 7th append replays an
 * earlier leaf (same key, value and weight), as a client retry would.
 */
import { openSessionTreeStore } from './openSessionTreeStore.ts'
import { leafIndexOfAppend, makeLeaf, SIGKILL_SEGMENT_BYTES, sessionKeyOfLeaf } from './testSupport.ts'

async function main(dir: string, seed: string, firstIndex: number): Promise<void> {
  const store = await openSessionTreeStore({ dir, segmentBytes: SIGKILL_SEGMENT_BYTES })
  const keys = [0, 1, 2].map(sessionKeyOfLeaf)
  const trees = new Map(await Promise.all(keys.map(async (key) => [key, await store.openTree(key)] as const)))
  let next = firstIndex
  const writer = async () => {
    for (;;) {
      const i = next++
      const index = leafIndexOfAppend(i)
      await trees.get(sessionKeyOfLeaf(index))!.append(makeLeaf(seed, index))
      process.stdout.write(`${i}\n`)
    }
  }
  await Promise.all(Array.from({ length: 64 }, writer))
}

const [dir, seed, firstIndex] = process.argv.slice(2)
if (dir && seed && firstIndex) await main(dir, seed, Number(firstIndex))
