/**
 * Sum-trie hot paths: in-memory updates at 10k/100k/1M leaves (update-only: hashing is lazy), the
 * amortised cost with the root computed once after a 1M fill (what a session's claim costs per relay),
 * a batch of updates followed by its root, a bulk rebuild (`fromLeaves`, what a restart replays), and
 * weighted prove / verify and encoded proof sizes at 1M leaves.
 *
 * Times are process CPU time (user + system) per operation, medians of several rounds: the 2-core
 * machines are shared, and CPU time is not inflated by other processes waiting for a core (on an idle
 * machine it equals wall time, plus a little for V8's GC threads). `…WallUs` figures give wall time.
 * Keys come from a seeded xorshift generator, so sizes are reproducible; values are 100 bytes (one shared
 * buffer: hashing cost depends on length, not identity).
 */
import { decodeWeightedProof } from '../../src/protocol/smst/decodeWeightedProof.ts'
import { encodeWeightedProof } from '../../src/protocol/smst/encodeWeightedProof.ts'
import { SparseMerkleSumTrie } from '../../src/protocol/smst/SparseMerkleSumTrie.ts'
import { verifyWeightedProof } from '../../src/protocol/smst/verifyWeightedProof.ts'

const VALUE = new Uint8Array(100).fill(0xab)
const ROUNDS = 5
const BATCH = 4000
const MILLION = 1_000_000

/** Deterministic pseudo-random bytes (xorshift32): reproducible keys and seeds without I/O. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length)
  let x = seed >>> 0 || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

const keysOf = (bytes: Uint8Array) =>
  Array.from({ length: bytes.length / 32 }, (_, i) => bytes.subarray(i * 32, i * 32 + 32))
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const round = (value: number, digits = 3) => Number(value.toFixed(digits))

/** Runs `task` and returns its CPU and wall milliseconds. */
function measure(task: () => void): { cpuMs: number; wallMs: number } {
  const cpu = process.cpuUsage()
  const wall = performance.now()
  task()
  const used = process.cpuUsage(cpu)
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall }
}

function fill(trie: SparseMerkleSumTrie, leaves: number, seed: number) {
  const bytes = pseudoRandomBytes(leaves * 32, seed)
  return measure(() => {
    for (let i = 0; i < leaves; i++)
      trie.update(bytes.subarray(i * 32, i * 32 + 32), VALUE, BigInt(1 + (i % 1000)))
  })
}

/** Per fresh-key update on a trie of fixed size: update-only and root-after-batch, CPU and wall µs. */
function measureUpdates(trie: SparseMerkleSumTrie, seed: number) {
  const update: number[] = []
  const updateWall: number[] = []
  const root: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const keys = keysOf(pseudoRandomBytes(BATCH * 32, seed + r))
    trie.root()
    const updates = measure(() => {
      for (const key of keys) trie.update(key, VALUE, 7n)
    })
    update.push((updates.cpuMs * 1000) / BATCH)
    updateWall.push((updates.wallMs * 1000) / BATCH)
    root.push((measure(() => trie.root()).cpuMs * 1000) / BATCH)
    for (const key of keys) trie.delete(key) // back to the same size
  }
  return { updateUs: median(update), updateWallUs: median(updateWall), rootUs: median(root) }
}

function measureProofs(trie: SparseMerkleSumTrie): Record<string, number> {
  const root = trie.root()
  const seeds = keysOf(pseudoRandomBytes(2000 * 32, 99))
  // warm the JIT on a few proofs first: a claim proves once, but a cold first call is not the steady cost
  for (const seed of seeds.slice(0, 200))
    verifyWeightedProof(decodeWeightedProof(encodeWeightedProof(trie.proveWeighted(seed))), root, seed)
  let proofs: ReturnType<SparseMerkleSumTrie['proveWeighted']>[] = []
  const prove = measure(() => {
    proofs = seeds.map((seed) => trie.proveWeighted(seed))
  })
  const encoded = proofs.map(encodeWeightedProof)
  const verify = measure(() => {
    encoded.forEach((bytes, i) => {
      verifyWeightedProof(decodeWeightedProof(bytes), root, seeds[i]!)
    })
  })
  const sizes = encoded.map((bytes) => bytes.length)
  return {
    smstProveUs_1M: round((prove.cpuMs * 1000) / seeds.length),
    smstVerifyUs_1M: round((verify.cpuMs * 1000) / seeds.length),
    smstProofBytes_1M: median(sizes),
    smstProofBytesMax_1M: Math.max(...sizes),
    smstProofSideNodesMedian_1M: median(proofs.map((proof) => proof.sideNodes.length)),
    smstProofValueBytes: VALUE.length,
  }
}

function measureRebuild(): number {
  const bytes = pseudoRandomBytes(MILLION * 32, 3)
  const entries = keysOf(bytes).map((key, i) => ({ key, value: VALUE, weight: BigInt(1 + (i % 1000)) }))
  const { cpuMs } = measure(() => {
    SparseMerkleSumTrie.fromLeaves(entries, { valueHasher: 'none' }).root()
  })
  return round((cpuMs * 1000) / MILLION)
}

/** Runs the sum-trie benchmarks and returns named figures (µs per operation, bytes). */
export async function benchSmst(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {}
  for (const [label, leaves] of [
    ['10k', 10_000],
    ['100k', 100_000],
  ] as const) {
    const trie = new SparseMerkleSumTrie({ valueHasher: 'none' })
    fill(trie, leaves, leaves)
    figures[`smstUpdateUs_${label}`] = round(measureUpdates(trie, 7).updateUs)
  }
  const trie = new SparseMerkleSumTrie({ valueHasher: 'none', initialCapacity: 1 << 20 })
  const filled = fill(trie, MILLION, 1)
  const rooted = measure(() => trie.root())
  const updates = measureUpdates(trie, 11)
  figures.smstUpdateUs_1M = round(updates.updateUs)
  figures.smstUpdateWallUs_1M = round(updates.updateWallUs)
  figures.smstFillUs_1M = round((filled.cpuMs * 1000) / MILLION)
  figures.smstUpdateWithRootUs_1M = round(((filled.cpuMs + rooted.cpuMs) * 1000) / MILLION)
  figures.smstUpdateWithRootWallUs_1M = round(((filled.wallMs + rooted.wallMs) * 1000) / MILLION)
  figures.smstBatchUpdateWithRootUs_1M = round(updates.updateUs + updates.rootUs)
  figures.smstRootAfterFillMs_1M = round(rooted.cpuMs, 0)
  Object.assign(figures, measureProofs(trie))
  figures.smstInnerNodes_1M = trie.innerNodeCount()
  figures.smstRssMb_1M = Math.round(process.memoryUsage().rss / 2 ** 20)
  figures.smstRebuildWithRootUs_1M = measureRebuild()
  return figures
}
