import { InvalidModelOptionsError } from '../errors.ts'
import { specialTokenIds, type TokenClass, type Vocabulary } from './vocabulary.ts'

/**
 * Logit bias per token class (in units of the final-norm bias channel, which is about 1). Whole words
 * win, so a random model writes words; control and byte tokens never win, so it never writes EOS or
 * stray bytes. Integers only: they must be exact in binary16.
 */
export const classLogitBiases: Record<TokenClass, number> = {
  control: -30,
  byte: -30,
  space: -8,
  char: -8,
  prefix: -6,
  filler: -6,
  word: 2,
}

// Sentence punctuation reads naturally between words, so it gets a milder bias than other characters.
const punctuationBias = -1
const punctuation = new Set(['.', ','])

/**
 * The per-token logit biases of a vocabulary, with EOS at `eosBias`.
 *
 * @param vocabulary - the model's vocabulary.
 * @param eosBias - EOS bias, an integer in [−30, 30]; −30 (the default) means EOS never wins.
 * @returns one bias per token id.
 * @example
 * computeLogitBiases(buildVocabulary(512), 4)[2] // 4
 */
export function computeLogitBiases(vocabulary: Vocabulary, eosBias = -30): number[] {
  if (!Number.isInteger(eosBias) || Math.abs(eosBias) > 30) {
    throw new InvalidModelOptionsError({ field: 'eosBias', reason: 'must be an integer in [−30, 30]' })
  }
  return vocabulary.classes.map((tokenClass, id) => {
    if (id === specialTokenIds.eos) return eosBias
    if (tokenClass === 'char' && punctuation.has(vocabulary.tokens[id]!)) return punctuationBias
    return classLogitBiases[tokenClass]
  })
}
