/**
 * Persisted inserts of mined relays: the session tree store (segmented log with group commit + lmdb
 * catalogue) against the alternative it was chosen over, lmdb alone (lmdb-js batches concurrent puts into
 * one transaction and resolves them after a synced commit). Same load for both: 1 KB values under random
 * 32-byte keys spread over 8 sessions, with `CONCURRENCY` appends always in flight, as a busy relayminer
 * issues them. Each append is timed from call to durable acknowledgement. Recovery is timed from open to
 * every leaf indexed (and, for the chosen store, also to every sum trie rebuilt with its root computed).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { open } from 'lmdb'
import { SparseMerkleSumTrie } from '../../src/protocol/smst/SparseMerkleSumTrie.ts'
import { openSessionTreeStore, type SessionLeaf } from '../../src/relayminer/store/index.ts'

const INSERTS = 100_000
const CONCURRENCY = 1_000
const SESSIONS = 8
const VALUE_BYTES = 1024

type Load = { sessionKeys: string[]; leaves: SessionLeaf[] }

function createLoad(): Load {
  const keys = randomBytes(32 * INSERTS)
  const values = Array.from({ length: 64 }, () => new Uint8Array(randomBytes(VALUE_BYTES)))
  const leaves = Array.from({ length: INSERTS }, (_, i) => ({
    key: new Uint8Array(keys.buffer, keys.byteOffset + 32 * i, 32),
    value: values[i % values.length]!,
    weight: BigInt(1 + (i % 500)),
  }))
  return { sessionKeys: Array.from({ length: SESSIONS }, (_, i) => `session-${i}`), leaves }
}

type Figures = { perSec: number; p50Us: number; p99Us: number; cpuUs: number }

/**
 * Runs `insert(i)` for every leaf with CONCURRENCY in flight; returns inserts/s, latency percentiles and the
 * process CPU time per insert (all threads, user + system): on a shared machine inserts/s follows the load,
 * CPU per insert much less, and 1e6 / cpuUs is the rate one free core would sustain.
 */
async function drive(insert: (i: number) => Promise<unknown>): Promise<Figures> {
  const latencyUs = new Float64Array(INSERTS)
  let next = 0
  const worker = async () => {
    while (next < INSERTS) {
      const i = next++
      const started = process.hrtime.bigint()
      await insert(i)
      latencyUs[i] = Number(process.hrtime.bigint() - started) / 1000
    }
  }
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const cpu = process.cpuUsage(cpuBefore)
  const elapsedMs = performance.now() - started
  latencyUs.sort()
  return {
    perSec: Math.round((INSERTS / elapsedMs) * 1000),
    p50Us: Math.round(latencyUs[Math.floor(INSERTS * 0.5)]!),
    p99Us: Math.round(latencyUs[Math.floor(INSERTS * 0.99)]!),
    cpuUs: Math.round(((cpu.user + cpu.system) / INSERTS) * 10) / 10,
  }
}

async function benchLogStore(dir: string, load: Load): Promise<Record<string, number>> {
  const store = await openSessionTreeStore({ dir })
  const trees = await Promise.all(load.sessionKeys.map((key) => store.openTree(key)))
  const inserts = await drive((i) => trees[i % SESSIONS]!.append(load.leaves[i]!))
  await store.close()
  const started = performance.now()
  const reopened = await openSessionTreeStore({ dir })
  const recoveryMs = performance.now() - started
  const recovered = reopened.listTrees().reduce((sum, tree) => sum + tree.count, 0)
  // What a restart does next: rebuild each session's sum trie and compute its root.
  for (const { sessionKey } of reopened.listTrees())
    reopened
      .getTree(sessionKey)!
      .rebuild(new SparseMerkleSumTrie({ valueHasher: 'none' }))
      .root()
  const recoveryWithTrieMs = performance.now() - started
  await reopened.close()
  if (recovered !== INSERTS) throw new Error(`recovered ${recovered} of ${INSERTS} leaves`)
  return {
    persistedInsertsPerSec: inserts.perSec,
    persistedInsertP50Us: inserts.p50Us,
    persistedInsertP99Us: inserts.p99Us,
    persistedInsertCpuUs: inserts.cpuUs,
    recoveryMsPer100k: Math.round((recoveryMs * 100_000) / INSERTS),
    recoveryWithTrieMsPer100k: Math.round((recoveryWithTrieMs * 100_000) / INSERTS),
  }
}

async function benchLmdbOnly(dir: string, load: Load): Promise<Record<string, number>> {
  // Synced commits (overlappingSync off): a put's promise resolves once its transaction is on disk.
  const options = { path: dir, keyEncoding: 'binary', encoding: 'binary', overlappingSync: false } as const
  const db = open<Buffer, Buffer>(options)
  const prefixes = load.sessionKeys.map((key) => Buffer.from(`${key}/`))
  const inserts = await drive((i) => {
    const leaf = load.leaves[i]!
    const value = Buffer.allocUnsafe(8 + leaf.value.length)
    value.writeBigUInt64BE(leaf.weight)
    value.set(leaf.value, 8)
    return db.put(Buffer.concat([prefixes[i % SESSIONS]!, leaf.key]), value)
  })
  await db.close()
  const started = performance.now()
  const reopened = open<Buffer, Buffer>(options)
  let recovered = 0
  for (const prefix of prefixes) {
    const index = new Map<string, SessionLeaf>()
    const end = Buffer.concat([prefix, Buffer.alloc(33, 0xff)])
    for (const { key, value } of reopened.getRange({ start: prefix, end })) {
      const leaf = {
        key: key.subarray(prefix.length),
        value: value.subarray(8),
        weight: value.readBigUInt64BE(0),
      }
      index.set(leaf.key.toString('latin1'), leaf)
    }
    recovered += index.size
  }
  const recoveryMs = performance.now() - started
  await reopened.close()
  if (recovered !== INSERTS) throw new Error(`lmdb recovered ${recovered} of ${INSERTS} leaves`)
  return {
    lmdbOnlyInsertsPerSec: inserts.perSec,
    lmdbOnlyInsertP50Us: inserts.p50Us,
    lmdbOnlyInsertP99Us: inserts.p99Us,
    lmdbOnlyInsertCpuUs: inserts.cpuUs,
    lmdbOnlyRecoveryMsPer100k: Math.round((recoveryMs * 100_000) / INSERTS),
  }
}

/**
 * Measures persisted inserts and recovery of the session tree store and of lmdb alone.
 *
 * @returns figures: inserts/s, ack latency p50/p99 (µs), recovery ms per 100k leaves, for both designs
 * @example
 * console.log(JSON.stringify(await benchStore()))
 */
export async function benchStore(): Promise<Record<string, number>> {
  const load = createLoad()
  const dir = mkdtempSync(join(tmpdir(), 'decai-bench-store-'))
  try {
    const chosen = await benchLogStore(join(dir, 'log-store'), load)
    const alternative = await benchLmdbOnly(join(dir, 'lmdb-only'), load)
    return { inserts: INSERTS, concurrency: CONCURRENCY, valueBytes: VALUE_BYTES, ...chosen, ...alternative }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
