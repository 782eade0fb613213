/**
 * Test helpers shared by this folder's tests and the SIGKILL writer: deterministic leaves, a scratch
 * directory, and how the writer numbers its appends.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SessionLeaf } from './types.ts'

/** A fresh directory under the OS temp dir. */
export function createScratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'decai-store-'))
}

/**
 * Leaf `index` of run `seed`: a ~1 KB value that starts with the index (u64 big-endian, so a recovered leaf
 * names the leaf it must equal), key = sha256(value) as for a relay, weight 1–1000.
 */
export function makeLeaf(seed: string, index: number, valueBytes = 1024): SessionLeaf {
  const value = Buffer.alloc(valueBytes, createHash('sha256').update(`${seed}/${index}`).digest())
  value.writeBigUInt64BE(BigInt(index))
  const key = new Uint8Array(createHash('sha256').update(value).digest())
  return { key, value: new Uint8Array(value), weight: BigInt((index % 1000) + 1) }
}

/** The index `makeLeaf` wrote at the start of a value. */
export function leafIndexOf(value: Uint8Array): number {
  return Number(Buffer.from(value.buffer, value.byteOffset, 8).readBigUInt64BE())
}

/** Whether two leaves hold the same key, value and weight. */
export function isSameLeaf(a: SessionLeaf, b: SessionLeaf): boolean {
  return a.weight === b.weight && Buffer.compare(a.key, b.key) === 0 && Buffer.compare(a.value, b.value) === 0
}

/** Segment size of the SIGKILL test: small, so a run crosses several rotations. */
export const SIGKILL_SEGMENT_BYTES = 256 * 1024

/** SIGKILL test: the leaf the append numbered `i` writes: a replay of leaf i − 5 for every 7th append. */
export function leafIndexOfAppend(i: number): number {
  return i % 7 === 0 ? i - 5 : i
}

/** SIGKILL test: the tree a leaf belongs to. */
export function sessionKeyOfLeaf(index: number): string {
  return `session-${index % 3}`
}
