/** Hands out prompts so that none repeats until every other one has been used. */
export type PromptDeck = { draw(): string; size: number }

/**
 * A shuffled deck of prompts, reshuffled when exhausted: a supplier never sees the same probe prompt
 * twice within a cycle, and repeated identical prompts (a classic tell of auditors) stay as rare as the
 * corpus allows.
 *
 * @param prompts - the prompt pool (at least one).
 * @param random - uniform in [0, 1).
 * @returns the deck.
 * @example
 * const deck = createPromptDeck(corpusPrompts, Math.random)
 * deck.draw()
 */
export function createPromptDeck(prompts: readonly string[], random: () => number): PromptDeck {
  const pool = [...new Set(prompts)]
  let order: string[] = []
  return {
    size: pool.length,
    draw() {
      if (order.length === 0) order = shuffle(pool, random)
      return order.pop()!
    },
  }
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
