/**
 * Generates test/vectors/smst.json: sum tries (decai's settings: value stored raw, weight = compute units)
 * with their 48-byte roots, weight-proportional proofs for given draw seeds in the packed encoding of
 * docs/protocol.md §8.2, and tampered proofs that a verifier must reject (at decode or at verify).
 * The Solidity verifier is tested against the same file. Deterministic: no randomness, no clock.
 * Run: node --import tsx scripts/gen-smst-vectors.ts
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bytesToHex } from '../src/protocol/bytes/bytes.ts'
import { sha256 } from '../src/protocol/bytes/sha256.ts'
import { computeDrawIndex } from '../src/protocol/smst/computeDrawIndex.ts'
import { decodeWeightedProof } from '../src/protocol/smst/decodeWeightedProof.ts'
import { encodeWeightedProof } from '../src/protocol/smst/encodeWeightedProof.ts'
import { SparseMerkleSumTrie } from '../src/protocol/smst/SparseMerkleSumTrie.ts'
import type { WeightedProof } from '../src/protocol/smst/types.ts'
import { verifyWeightedProof } from '../src/protocol/smst/verifyWeightedProof.ts'

export const smstVectorsPath = fileURLToPath(new URL('../test/vectors/smst.json', import.meta.url))

const utf8 = (text: string) => new TextEncoder().encode(text)
type Spec = { name: string; weights: bigint[]; pathHasher?: 'none'; paths?: Uint8Array[] }

function pathWithLastByte(last: number, first = 0x5a): Uint8Array {
  const path = sha256(utf8('decai smst neighbour prefix'))
  path[0] = first
  path[31] = last
  return path
}

const specs: Spec[] = [
  { name: 'one leaf', weights: [10n] },
  { name: 'three leaves', weights: [1n, 10n, 100n] },
  { name: 'zero-weight leaves are never drawn', weights: [0n, 3n, 0n, 7n, 5n] },
  { name: '64 leaves', weights: Array.from({ length: 64 }, (_, i) => BigInt(((i * 37) % 50) + 1)) },
  { name: 'large weights (sums near 2^64)', weights: [(1n << 63n) - 1n, 1n << 62n, 12_345n] },
  {
    name: 'neighbours in the last bit (256 side nodes)',
    weights: [4n, 6n, 5n],
    pathHasher: 'none',
    paths: [pathWithLastByte(0), pathWithLastByte(1), pathWithLastByte(0, 0xa5)],
  },
]

function buildTrie(spec: Spec) {
  const trie = new SparseMerkleSumTrie({ valueHasher: 'none', pathHasher: spec.pathHasher ?? 'sha256' })
  const leaves = spec.weights.map((weight, i) => {
    const key = spec.paths?.[i] ?? sha256(utf8(`decai smst vector ${spec.name} ${i}`))
    const value = utf8(`relay ${i} of ${spec.name}`)
    trie.update(key, value, weight)
    const path = spec.pathHasher === 'none' ? key : sha256(key)
    return {
      keyHex: bytesToHex(key),
      pathHex: bytesToHex(path),
      valueHex: bytesToHex(value),
      weight: String(weight),
    }
  })
  return { trie, leaves }
}

const seedOf = (spec: Spec, j: number) => sha256(utf8(`decai smst draw ${spec.name} ${j}`))

function validProof(trie: SparseMerkleSumTrie, root: Uint8Array, seed: Uint8Array) {
  const proof = trie.proveWeighted(seed)
  verifyWeightedProof(decodeWeightedProof(encodeWeightedProof(proof)), root, seed)
  return {
    proof,
    json: {
      drawSeedHex: bytesToHex(seed),
      drawIndex: String(computeDrawIndex(seed, trie.sum())),
      leafPathHex: bytesToHex(proof.path),
      weight: String(proof.weight),
      numSideNodes: proof.sideNodes.length,
      proofHex: bytesToHex(encodeWeightedProof(proof)),
      valid: true,
    },
  }
}

export function buildSmstVectors() {
  return {
    description:
      'Sparse Merkle sum tries as decai builds them (SHA-256, path = sha256(key), value stored raw, 48-byte digests hash ‖ sum ‖ count) with weight-proportional proofs in the packed v1 encoding (docs/protocol.md §8). r = uint256(drawSeed) mod rootSum. Integers are decimal strings. Tries with pathHasher "none" use the key as the path (to reach depth 256); proofs carry paths, so verification is the same.',
    format: 'docs/protocol.md §8.2, weighted proof encoding v1',
    tries: specs.map((spec) => {
      const { trie, leaves } = buildTrie(spec)
      const root = trie.root()
      const valid = [0, 1, 2, 3].map((j) => validProof(trie, root, seedOf(spec, j)))
      return {
        name: spec.name,
        valueHasher: 'none',
        pathHasher: spec.pathHasher ?? 'sha256',
        leaves,
        rootHex: bytesToHex(root),
        sum: String(trie.sum()),
        count: trie.count(),
        weightedProofs: valid.map((v) => v.json),
        invalidProofs: tamperedProofs(spec, trie, root, valid[0]!.proof),
      }
    }),
  }
}

type Tampered = {
  name: string
  stage: 'decode' | 'verify'
  seed: Uint8Array
  root: Uint8Array
  bytes: Uint8Array
}

function tamperedProofs(spec: Spec, trie: SparseMerkleSumTrie, root: Uint8Array, proof: WeightedProof) {
  const seed = seedOf(spec, 0)
  const encoded = encodeWeightedProof(proof)
  const cases: Tampered[] = []
  const add = (name: string, stage: Tampered['stage'], bytes: Uint8Array, r = root, s = seed) =>
    cases.push({ name, stage, seed: s, root: r, bytes })
  const real = proof.sideNodes.findIndex((node) => node.some((byte) => byte !== 0))
  if (real >= 0) {
    add('side node hash byte flipped', 'verify', encodeWith(proof, { sideNode: real, at: 0 }))
    add('side node sum changed', 'verify', encodeWith(proof, { sideNode: real, at: 39 }))
  }
  add('weight + 1', 'verify', encodeWeightedProof({ ...proof, weight: proof.weight + 1n }))
  add('value byte flipped', 'verify', encodeWeightedProof({ ...proof, value: flip(proof.value, 0) }))
  add('leaf path bit flipped', 'verify', encodeWeightedProof({ ...proof, path: flip(proof.path, 31) }))
  add('wrong root (hash byte flipped)', 'verify', encoded, flip(root, 0))
  const other = otherSeed(spec, trie, proof)
  if (other) add('seed draws another leaf', 'verify', encoded, root, other)
  add('truncated by one byte', 'decode', encoded.subarray(0, encoded.length - 1))
  add('one trailing byte', 'decode', concat(encoded, new Uint8Array(1)))
  add('unknown version', 'decode', withByte(encoded, 0, 2))
  add('side-node count above 256', 'decode', withByte(withByte(encoded, 41, 0x01), 42, 0x01))
  const n = proof.sideNodes.length
  if (n % 8 !== 0)
    add(
      'bitmap bit set past the count',
      'decode',
      withByte(encoded, 43 + (n >> 3), encoded[43 + (n >> 3)]! | (0x80 >> (n & 7))),
    )
  const placeholder = proof.sideNodes.findIndex((node) => node.every((byte) => byte === 0))
  if (placeholder >= 0)
    add('placeholder listed instead of flagged', 'decode', listPlaceholder(proof, placeholder))
  return cases.map((c) => {
    expectRejected(c)
    return {
      name: c.name,
      stage: c.stage,
      drawSeedHex: bytesToHex(c.seed),
      rootHex: bytesToHex(c.root),
      proofHex: bytesToHex(c.bytes),
      valid: false,
    }
  })
}

function encodeWith(proof: WeightedProof, edit: { sideNode: number; at: number }): Uint8Array {
  const sideNodes = proof.sideNodes.map((node, i) => (i === edit.sideNode ? flip(node, edit.at) : node))
  return encodeWeightedProof({ ...proof, sideNodes })
}

/** The encoding with placeholder side node `index` written out in full and its bitmap bit cleared. */
function listPlaceholder(proof: WeightedProof, index: number): Uint8Array {
  const bitmapBytes = Math.ceil(proof.sideNodes.length / 8)
  const bytes = encodeWeightedProof(proof)
  const listedBefore = proof.sideNodes
    .slice(0, index)
    .filter((node) => node.some((byte) => byte !== 0)).length
  const at = 43 + bitmapBytes + listedBefore * 48
  const out = concat(concat(bytes.subarray(0, at), new Uint8Array(48)), bytes.subarray(at))
  out[43 + (index >> 3)]! &= ~(0x80 >> (index & 7))
  return out
}

function otherSeed(spec: Spec, trie: SparseMerkleSumTrie, proof: WeightedProof): Uint8Array | undefined {
  for (let j = 100; j < 200; j++) {
    const seed = seedOf(spec, j)
    if (bytesToHex(trie.proveWeighted(seed).path) !== bytesToHex(proof.path)) return seed
  }
  return undefined
}

/** Fails generation unless the case is rejected exactly at its stage (decoding, or verification). */
function expectRejected(c: Tampered): void {
  const rejects = (run: () => unknown) => {
    try {
      run()
      return false
    } catch {
      return true
    }
  }
  const isDecodeRejected = rejects(() => decodeWeightedProof(c.bytes))
  const isRejected =
    c.stage === 'decode'
      ? isDecodeRejected
      : !isDecodeRejected && rejects(() => verifyWeightedProof(decodeWeightedProof(c.bytes), c.root, c.seed))
  if (!isRejected) throw new Error(`tampered proof "${c.name}" is not rejected at ${c.stage}`)
}

function flip(bytes: Uint8Array, at: number): Uint8Array {
  const out = Uint8Array.from(bytes)
  out[at]! ^= 0x01
  return out
}

function withByte(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = Uint8Array.from(bytes)
  out[at] = value
  return out
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(smstVectorsPath, `${JSON.stringify(buildSmstVectors(), null, 2)}\n`)
  process.stdout.write(`wrote ${smstVectorsPath}\n`)
}
