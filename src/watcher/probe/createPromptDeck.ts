/** Hands out prompts near a wanted length, each at most a set number of times per round. */
export type PromptDeck = {
  /**
   * A prompt whose length is near `targetChars` (any length when undefined): one of the least used in
   * the nearest length bucket that still has prompts. When every prompt is retired a new round starts.
   */
  draw(targetChars?: number): string
  /** Prompts not yet retired in this round. */
  remaining(): number
  /** Rounds started so far (1 until the pool is first used up). */
  round(): number
  size: number
}

// Length buckets grow by √2: 16–22, 23–31, 32–45, … characters, fine enough for the corpus's range
// (about 15 to 125 characters) and coarse enough to keep several prompts per bucket.
const bucketOf = (chars: number) => Math.floor(2 * Math.log2(Math.max(1, chars)))

/**
 * A deck of prompts. Within a length bucket, no prompt repeats until every other one was used as
 * often; after `maxUses` draws a prompt is retired, so a supplier sees the same probe prompt at most that
 * many times per round (identical prompts coming back are a classic tell of auditors). Once the whole
 * pool is retired a new round starts and `onNewRound` is told: an audit that stops for want of prompts
 * would protect a cheat better than a prompt seen again after hundreds of others.
 *
 * @param prompts - the prompt pool (at least one).
 * @param random - uniform in [0, 1).
 * @param maxUses - draws per round after which a prompt is retired (default: never).
 * @param onNewRound - called with the round number when the pool was used up and starts over.
 * @returns the deck.
 * @example
 * const deck = createPromptDeck(corpusPrompts, Math.random, 3)
 * deck.draw(120)
 */
export function createPromptDeck(
  prompts: readonly string[],
  random: () => number,
  maxUses = Number.POSITIVE_INFINITY,
  onNewRound: (round: number) => void = () => {},
): PromptDeck {
  const pool = [...new Set(prompts)]
  const uses = new Map<string, number>()
  const buckets = new Map<number, string[]>()
  let remaining = 0
  let round = 0
  const startRound = () => {
    uses.clear()
    buckets.clear()
    for (const prompt of pool) {
      const bucket = bucketOf(prompt.length)
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), prompt])
    }
    remaining = pool.length
    round++
  }
  startRound()
  return {
    size: pool.length,
    remaining: () => remaining,
    round: () => round,
    draw(targetChars) {
      if (remaining === 0) {
        startRound()
        onNewRound(round)
      }
      const target = targetChars === undefined ? undefined : bucketOf(targetChars)
      const candidates = nearestBucket(buckets, target)!
      const prompt = leastUsed(candidates, uses, random)
      const count = (uses.get(prompt) ?? 0) + 1
      uses.set(prompt, count)
      if (count < maxUses) return prompt
      retire(buckets, prompt)
      remaining--
      return prompt
    },
  }
}

function nearestBucket(buckets: ReadonlyMap<number, string[]>, target: number | undefined) {
  if (target === undefined) {
    const all = [...buckets.values()].flat()
    return all.length === 0 ? undefined : all
  }
  let best: number | undefined
  for (const key of buckets.keys())
    if (best === undefined || Math.abs(key - target) < Math.abs(best - target)) best = key
  return best === undefined ? undefined : buckets.get(best)
}

function leastUsed(prompts: readonly string[], uses: ReadonlyMap<string, number>, random: () => number) {
  let fewest = Number.POSITIVE_INFINITY
  for (const prompt of prompts) fewest = Math.min(fewest, uses.get(prompt) ?? 0)
  const candidates = prompts.filter((prompt) => (uses.get(prompt) ?? 0) === fewest)
  return candidates[Math.floor(random() * candidates.length)]!
}

function retire(buckets: Map<number, string[]>, prompt: string): void {
  const bucket = bucketOf(prompt.length)
  const prompts = buckets.get(bucket)!.filter((other) => other !== prompt)
  if (prompts.length === 0) buckets.delete(bucket)
  else buckets.set(bucket, prompts)
}

/**
 * A Fisher–Yates shuffle of a copy.
 *
 * @param items - what to shuffle.
 * @param random - uniform in [0, 1).
 * @returns a shuffled copy.
 * @example
 * shuffle([1, 2, 3], Math.random)
 */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}
