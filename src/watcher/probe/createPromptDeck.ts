import { ProbeFailedError } from '../errors.ts'

/** Hands out prompts near a wanted length, each at most a set number of times. */
export type PromptDeck = {
  /**
   * A prompt whose length is near `targetChars` (any length when undefined): one of the least used in
   * the nearest length bucket that still has prompts.
   * @throws {ProbeFailedError} (fault `internal`) once every prompt was used `maxUses` times.
   */
  draw(targetChars?: number): string
  /** Prompts not yet retired. */
  remaining(): number
  size: number
}

// Length buckets grow by √2: 16–22, 23–31, 32–45, … characters, fine enough for the corpus's range
// (about 15 to 125 characters) and coarse enough to keep several prompts per bucket.
const bucketOf = (chars: number) => Math.floor(2 * Math.log2(Math.max(1, chars)))

/**
 * A deck of prompts. Within a length bucket, no prompt repeats until every other one was used as
 * often; after `maxUses` draws a prompt is retired for good, so a supplier never sees the same probe
 * prompt more than that many times (identical prompts coming back are a classic tell of auditors).
 *
 * @param prompts - the prompt pool (at least one).
 * @param random - uniform in [0, 1).
 * @param maxUses - draws after which a prompt is retired (default: never).
 * @returns the deck.
 * @example
 * const deck = createPromptDeck(corpusPrompts, Math.random, 3)
 * deck.draw(120)
 */
export function createPromptDeck(
  prompts: readonly string[],
  random: () => number,
  maxUses = Number.POSITIVE_INFINITY,
): PromptDeck {
  const pool = [...new Set(prompts)]
  const uses = new Map<string, number>()
  const buckets = new Map<number, string[]>()
  for (const prompt of pool) {
    const bucket = bucketOf(prompt.length)
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), prompt])
  }
  let remaining = pool.length
  return {
    size: pool.length,
    remaining: () => remaining,
    draw(targetChars) {
      const candidates = nearestBucket(buckets, targetChars === undefined ? undefined : bucketOf(targetChars))
      if (candidates === undefined)
        throw new ProbeFailedError({
          reason: `every prompt was used ${maxUses} times (probes.maxPromptUses); add private prompts`,
          fault: 'internal',
        })
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
