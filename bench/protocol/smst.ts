/**
 * Sum-trie hot paths: in-memory updates at 10k/100k/1M leaves (update-only: hashing is lazy), the
 * amortised cost with the root computed once after the fill (what a session's claim costs per relay),
 * the root after a batch of updates, weighted prove / verify and encoded proof sizes at 1M leaves.
 * Keys come from a seeded xorshift generator, so sizes are reproducible; values are 100 bytes (one
 * shared buffer: hashing cost depends on length, not identity). Figures are medians of several rounds.
 */
import { decodeWeightedProof } from '../../src/protocol/smst/decodeWeightedProof.ts'
import { encodeWeightedProof } from '../../src/protocol/smst/encodeWeightedProof.ts'
import { SparseMerkleSumTrie } from '../../src/protocol/smst/SparseMerkleSumTrie.ts'
import { verifyWeightedProof } from '../../src/protocol/smst/verifyWeightedProof.ts'

const VALUE = new Uint8Array(100).fill(0xab)
const ROUNDS = 5
const BATCH = 4000

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

function keysOf(bytes: Uint8Array): Uint8Array[] {
  return Array.from({ length: bytes.length / 32 }, (_, i) => bytes.subarray(i * 32, i * 32 + 32))
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const round = (value: number, digits = 3) => Number(value.toFixed(digits))

function fill(trie: SparseMerkleSumTrie, leaves: number, seed: number): number {
  const bytes = pseudoRandomBytes(leaves * 32, seed)
  const started = performance.now()
  for (let i = 0; i < leaves; i++)
    trie.update(bytes.subarray(i * 32, i * 32 + 32), VALUE, BigInt(1 + (i % 1000)))
  return performance.now() - started
}

/** Median µs per update of fresh keys on a trie of `leaves` leaves, plus µs per update of the root after. */
function measureUpdates(
  trie: SparseMerkleSumTrie,
  seed: number,
): { updateUs: number; rootPerUpdateUs: number } {
  const updateUs: number[] = []
  const rootUs: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const keys = keysOf(pseudoRandomBytes(BATCH * 32, seed + r))
    trie.root()
    let started = performance.now()
    for (const key of keys) trie.update(key, VALUE, 7n)
    updateUs.push(((performance.now() - started) * 1000) / BATCH)
    started = performance.now()
    trie.root()
    rootUs.push(((performance.now() - started) * 1000) / BATCH)
    for (const key of keys) trie.delete(key) // keep the size at `leaves`
  }
  return { updateUs: median(updateUs), rootPerUpdateUs: median(rootUs) }
}

function measureProofs(trie: SparseMerkleSumTrie): Record<string, number> {
  const root = trie.root()
  const seeds = keysOf(pseudoRandomBytes(2000 * 32, 99))
  let started = performance.now()
  const proofs = seeds.map((seed) => trie.proveWeighted(seed))
  const proveUs = ((performance.now() - started) * 1000) / seeds.length
  const encoded = proofs.map(encodeWeightedProof)
  started = performance.now()
  encoded.forEach((bytes, i) => {
    verifyWeightedProof(decodeWeightedProof(bytes), root, seeds[i]!)
  })
  const verifyUs = ((performance.now() - started) * 1000) / seeds.length
  const sizes = encoded.map((bytes) => bytes.length)
  return {
    smstProveUs_1M: round(proveUs),
    smstVerifyUs_1M: round(verifyUs),
    smstProofBytes_1M: median(sizes),
    smstProofBytesMax_1M: Math.max(...sizes),
    smstProofSideNodesMedian_1M: median(proofs.map((proof) => proof.sideNodes.length)),
    smstProofValueBytes: VALUE.length,
  }
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
  const fillMs = fill(trie, 1_000_000, 1)
  const started = performance.now()
  trie.root()
  const rootMs = performance.now() - started
  const { updateUs, rootPerUpdateUs } = measureUpdates(trie, 11)
  figures.smstUpdateUs_1M = round(updateUs)
  figures.smstFillUs_1M = round((fillMs * 1000) / 1_000_000)
  figures.smstUpdateWithRootUs_1M = round(((fillMs + rootMs) * 1000) / 1_000_000)
  figures.smstBatchUpdateWithRootUs_1M = round(updateUs + rootPerUpdateUs)
  figures.smstRootAfterFillMs_1M = round(rootMs, 0)
  Object.assign(figures, measureProofs(trie))
  figures.smstInnerNodes_1M = trie.innerNodeCount()
  figures.smstHeapMb_1M = Math.round(process.memoryUsage().heapUsed / 2 ** 20)
  figures.smstRssMb_1M = Math.round(process.memoryUsage().rss / 2 ** 20)
  return figures
}
