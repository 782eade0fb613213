/**
 * Test helpers shared by this folder's tests and the crash-test writer: deterministic leaves, a scratch
 * directory, and a stand-in trie whose root depends only on its final key → (value, weight) map.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SessionLeaf, SessionTrieSink } from './types.ts'

/** A fresh directory under the OS temp dir. */
export function createScratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'decai-store-'))
}

/** Leaf `index` of run `seed`: ~1 KB value, key = sha256(value) as for a relay, weight 1–1000. */
export function makeLeaf(seed: string, index: number, valueBytes = 1024): SessionLeaf {
  const value = new Uint8Array(valueBytes)
  let block = createHash('sha256').update(`${seed}/${index}`).digest()
  for (let at = 0; at < valueBytes; at += block.length) {
    value.set(block.subarray(0, Math.min(block.length, valueBytes - at)), at)
    block = createHash('sha256').update(block).digest()
  }
  const key = new Uint8Array(createHash('sha256').update(value).digest())
  return { key, value, weight: BigInt((index % 1000) + 1) }
}

/**
 * A stand-in for the sum trie: same key → replace, and a root that is the sha256 of the sorted leaves, so
 * two tries have equal roots exactly when they hold the same leaves.
 */
export class DigestTrie implements SessionTrieSink {
  readonly #leaves = new Map<string, string>()

  update(key: Uint8Array, value: Uint8Array, weight: bigint): void {
    const valueHash = createHash('sha256').update(value).digest('hex')
    this.#leaves.set(Buffer.from(key).toString('hex'), `${valueHash}:${weight}`)
  }

  get size(): number {
    return this.#leaves.size
  }

  root(): string {
    const hash = createHash('sha256')
    for (const entry of [...this.#leaves].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(entry.join('='))
    return hash.digest('hex')
  }
}
