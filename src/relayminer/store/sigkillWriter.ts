/**
 * Child process of the SIGKILL test: `node --import tsx sigkillWriter.ts <dir> <seed> <firstIndex>`.
 * Appends leaves firstIndex, firstIndex + 1, … to three trees from 64 concurrent writers as fast as it can,
 * and prints each append's number on stdout only after the append resolved. Every 7th append replays an
 * earlier leaf (same key, value and weight), as a client retry would.
 */
import { openSessionTreeStore } from './openSessionTreeStore.ts'
import { makeLeaf } from './testSupport.ts'

/** Small segments, so a run crosses several rotations. */
export const SIGKILL_SEGMENT_BYTES = 256 * 1024

/** The leaf the append numbered `i` writes: a replay of leaf i − 5 for every 7th append. */
export function leafIndexOfAppend(i: number): number {
  return i % 7 === 0 ? i - 5 : i
}

/** The tree a leaf belongs to. */
export function sessionKeyOfLeaf(index: number): string {
  return `session-${index % 3}`
}

async function main(dir: string, seed: string, firstIndex: number): Promise<void> {
  const store = await openSessionTreeStore({ dir, segmentBytes: SIGKILL_SEGMENT_BYTES })
  const trees = await Promise.all([0, 1, 2].map((n) => store.openTree(`session-${n}`)))
  let next = firstIndex
  const writer = async () => {
    for (;;) {
      const i = next++
      const index = leafIndexOfAppend(i)
      await trees[index % 3]!.append(makeLeaf(seed, index))
      process.stdout.write(`${i}\n`)
    }
  }
  await Promise.all(Array.from({ length: 64 }, writer))
}

const [dir, seed, firstIndex] = process.argv.slice(2)
if (dir && seed && firstIndex) await main(dir, seed, Number(firstIndex))
