import type { Logger } from 'pino'
import { createPromptDeck, type PromptDeck } from './createPromptDeck.ts'

/**
 * One prompt deck per supplier, made on first use. The tell that retirement guards against is one
 * supplier seeing the same prompt come back, so uses are counted per supplier: a shared deck would use
 * the pool up as many times faster as there are suppliers, for no gain in cover.
 *
 * @param parameters - the prompt pool, the random source, the uses per round and the logger (a used-up
 * pool is logged at warn: the operator should add private prompts).
 * @returns the deck of a supplier, by address.
 * @example
 * const deckFor = createSupplierDecks({ prompts, random: Math.random, maxUses: 3, logger })
 * deckFor('0xab…').draw(80)
 */
export function createSupplierDecks(parameters: {
  prompts: readonly string[]
  random: () => number
  maxUses: number
  logger: Logger
}): (supplier: string) => PromptDeck {
  const decks = new Map<string, PromptDeck>()
  return (supplier) => {
    const key = supplier.toLowerCase()
    let deck = decks.get(key)
    if (!deck) {
      deck = createPromptDeck(parameters.prompts, parameters.random, parameters.maxUses, (round) =>
        parameters.logger.warn(
          { supplier: key, round, prompts: parameters.prompts.length, maxPromptUses: parameters.maxUses },
          'every probe prompt was used maxPromptUses times for this supplier; starting over (add private prompts)',
        ),
      )
      decks.set(key, deck)
    }
    return deck
  }
}
