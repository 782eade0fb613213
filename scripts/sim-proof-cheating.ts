/**
 * Proof-cheating simulation (docs/protocol.md §7.6, §8.3). A supplier claims a sum trie whose weights
 * (compute units) it may have inflated, or to which it added fake relays. One leaf is revealed per proof;
 * the cheat is caught when that leaf is a cheated one (its weight ≠ the compute units of its relay, or its
 * relay is fake). Prints ONE JSON object: for each strategy, the share of the claimed sum that is cheated
 * and the probability that the revealed leaf is cheated under
 *   (a) decai's weighted draw (r = seed mod sum, descend by sums), and
 *   (b) pokt's key-space draw (the leaf closest to a random path, ProveClosest),
 * over many seeds, plus the penalty that deters each strategy when a proof is always required.
 * Deterministic: seeded generator, seeds = sha256("draw" ‖ i).
 * Run: node --import tsx scripts/sim-proof-cheating.ts [--relays 2000] [--draws 4000]
 */
import { parseArgs } from 'node:util'
import { sha256 } from '../src/protocol/bytes/sha256.ts'
import { SparseMerkleSumTrie } from '../src/protocol/smst/SparseMerkleSumTrie.ts'

const { values } = parseArgs({
  options: { relays: { type: 'string', default: '2000' }, draws: { type: 'string', default: '4000' } },
})
const RELAYS = Number(values.relays)
const DRAWS = Number(values.draws)
const utf8 = (text: string) => new TextEncoder().encode(text)

/** Mulberry32: a small seeded generator, so every run prints the same figures. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

type Leaf = { key: Uint8Array; weight: bigint; isCheated: boolean }

/** Honest relays: cu = 100 + input + 3·output (devnet pricing), token counts spread over two orders. */
function honestRelays(): Leaf[] {
  const random = createRandom(42)
  return Array.from({ length: RELAYS }, (_, i) => {
    const input = Math.floor(10 + random() * 2000)
    const output = Math.floor(1 + random() ** 2 * 1000)
    return { key: sha256(utf8(`relay ${i}`)), weight: BigInt(100 + input + 3 * output), isCheated: false }
  })
}

const sumOf = (leaves: Leaf[]) => leaves.reduce((sum, leaf) => sum + leaf.weight, 0n)

/** `count` fake relays carrying `share` of the claimed sum between them (honest sum S: fake = S·share/(1−share)). */
function fakeLeaves(honest: Leaf[], share: number, count: number): Leaf[] {
  const fakeTotal = (Number(sumOf(honest)) * share) / (1 - share)
  return Array.from({ length: count }, (_, i) => ({
    key: sha256(utf8(`fake relay ${share} ${count} ${i}`)),
    weight: BigInt(Math.max(1, Math.round(fakeTotal / count))),
    isCheated: true,
  }))
}

function inflate(leaves: Leaf[], pick: (leaf: Leaf, i: number) => boolean, factor: number): Leaf[] {
  return leaves.map((leaf, i) =>
    pick(leaf, i)
      ? { ...leaf, weight: BigInt(Math.round(Number(leaf.weight) * factor)), isCheated: true }
      : leaf,
  )
}

function strategies(honest: Leaf[]): { name: string; leaves: Leaf[] }[] {
  const heaviest = [...honest].sort((a, b) => Number(b.weight - a.weight)).slice(0, Math.ceil(RELAYS / 100))
  const isHeavy = new Set(heaviest)
  const meanWeight = Number(sumOf(honest)) / RELAYS
  return [
    { name: 'honest', leaves: honest },
    { name: 'inflate one leaf ×10', leaves: inflate(honest, (_, i) => i === 0, 10) },
    {
      name: 'inflate one leaf to 20 % of the sum',
      leaves: inflate(honest, (_, i) => i === 0, (0.25 * Number(sumOf(honest))) / Number(honest[0]!.weight)),
    },
    { name: 'inflate the heaviest 1 % ×10', leaves: inflate(honest, (leaf) => isHeavy.has(leaf), 10) },
    { name: 'inflate every weight by 10 %', leaves: inflate(honest, () => true, 1.1) },
    { name: 'inflate 10 % of leaves by 10 %', leaves: inflate(honest, (_, i) => i % 10 === 0, 1.1) },
    ...[0.01, 0.05, 0.2].map((share) => ({
      name: `add fake relays of average weight carrying ${share * 100} % of the sum`,
      leaves: [
        ...honest,
        ...fakeLeaves(
          honest,
          share,
          Math.max(1, Math.round(((share / (1 - share)) * Number(sumOf(honest))) / meanWeight)),
        ),
      ],
    })),
    ...[0.05, 0.2, 0.5].map((share) => ({
      name: `add one fake relay carrying ${share * 100} % of the sum`,
      leaves: [...honest, ...fakeLeaves(honest, share, 1)],
    })),
  ]
}

function simulate(name: string, leaves: Leaf[], honestSum: bigint) {
  const trie = new SparseMerkleSumTrie({ valueHasher: 'none' })
  const cheatedPaths = new Set<string>()
  for (const leaf of leaves) {
    trie.update(leaf.key, utf8('relay bytes'), leaf.weight)
    if (leaf.isCheated) cheatedPaths.add(Buffer.from(sha256(leaf.key)).toString('hex'))
  }
  const claimed = trie.sum()
  let weightedHits = 0
  let closestHits = 0
  for (let i = 0; i < DRAWS; i++) {
    const seed = sha256(utf8('draw'), utf8(String(i)))
    if (cheatedPaths.has(Buffer.from(trie.proveWeighted(seed).path).toString('hex'))) weightedHits++
    if (cheatedPaths.has(Buffer.from(trie.proveClosest(seed).closestPath).toString('hex'))) closestHits++
  }
  const cheatedWeight = leaves.filter((leaf) => leaf.isCheated).reduce((sum, leaf) => sum + leaf.weight, 0n)
  const valueAddedCu = Number(claimed - honestSum)
  const weightedExact = Number(cheatedWeight) / Number(claimed)
  const keySpaceShare = cheatedPaths.size / leaves.length
  return {
    name,
    cheatedLeaves: cheatedPaths.size,
    leaves: leaves.length,
    claimedCu: Number(claimed),
    valueAddedCu,
    valueAddedShare: round(valueAddedCu / Number(claimed)),
    weightedDraw: { detection: round(weightedHits / DRAWS), exact: round(weightedExact) },
    // a leaf's chance is the key-space gap it owns: on average its share of the leaves
    keySpaceDraw: { detection: round(closestHits / DRAWS), expected: round(keySpaceShare) },
    // with a proof always required, deterrence needs penalty × P(detect) ≥ gain (expected probabilities)
    penaltyToDeterCu: {
      weightedDraw: weightedExact > 0 ? Math.round(valueAddedCu / weightedExact) : null,
      keySpaceDraw: keySpaceShare > 0 ? Math.round(valueAddedCu / keySpaceShare) : null,
    },
  }
}

const round = (value: number) => Number(value.toFixed(4))
const honest = honestRelays()
const honestSum = sumOf(honest)
const results = strategies(honest).map(({ name, leaves }) => simulate(name, leaves, honestSum))
process.stdout.write(
  `${JSON.stringify(
    {
      name: 'sim-proof-cheating',
      setup: {
        relays: RELAYS,
        draws: DRAWS,
        honestSumCu: Number(honestSum),
        weights: 'cu = 100 + input + 3·output',
      },
      strategies: results,
      reading:
        'Weighted draw: detection equals the cheated leaves’ share of the claimed sum, which is at least the value added (equal for fake relays, larger for inflation because the whole inflated leaf is revealed), so a penalty about the size of the claim deters every strategy. Key-space draw: detection is the cheated leaves’ share of the key space, independent of the value they carry: one fake relay carrying half the sum is found about 1/N of the time.',
    },
    null,
    2,
  )}\n`,
)
