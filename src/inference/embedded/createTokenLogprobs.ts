import type { LlamaModel, Token } from 'node-llama-cpp'
import type { TokenLogprob, TopLogprob } from '../openai/responseTypes.ts'

/** The printable text and raw bytes of one token, as logprobs report it. */
export type TokenPiece = { text: string; bytes: number[] }

/** Builds OpenAI logprob entries from node-llama-cpp's probability maps. */
export type TokenLogprobBuilder = {
  piece(token: Token): TokenPiece
  /** The entry for `token`, with the `topCount` most likely alternatives. */
  entry(token: Token, probabilities: ReadonlyMap<Token, number>, topCount: number): TokenLogprob
}

// OpenAI reports −9999 for a probability that underflowed to 0; JSON cannot carry −Infinity.
const minLogprob = -9999
const byteTokenPattern = /^<0x([0-9A-Fa-f]{2})>$/
const byteTokenType = 6

/**
 * The natural log of a probability, floored at −9999.
 *
 * @param probability - in [0, 1].
 * @returns its logprob.
 * @example
 * toLogprob(1) // 0
 */
export function toLogprob(probability: number): number {
  return probability > 0 ? Math.max(minLogprob, Math.log(probability)) : minLogprob
}

/**
 * A logprob builder for `model`. Token text is detokenised after a fixed one-letter context so that a
 * word-initial piece shows its leading space (" word"), as OpenAI's token strings do; byte-fallback
 * tokens report their single raw byte in `bytes` (their `text` alone is not valid UTF-8).
 *
 * @param model - the loaded model.
 * @returns the builder (pieces are cached per token).
 * @example
 * createTokenLogprobs(model).entry(token, probabilities, 5)
 */
export function createTokenLogprobs(model: LlamaModel): TokenLogprobBuilder {
  const anchor = model.tokenize('a').slice(-1)
  const vocabulary = readVocabulary(model)
  const cache = new Map<Token, TokenPiece>()
  const piece = (token: Token): TokenPiece => {
    let cached = cache.get(token)
    if (!cached) {
      const text = model.detokenize([token], false, anchor)
      const byte = byteOf(vocabulary, token)
      cached = { text, bytes: byte === undefined ? [...Buffer.from(text, 'utf8')] : [byte] }
      cache.set(token, cached)
    }
    return cached
  }
  const top = (token: Token, probability: number): TopLogprob => {
    const { text, bytes } = piece(token)
    return { token: text, logprob: toLogprob(probability), bytes }
  }
  return {
    piece,
    entry(token, probabilities, topCount) {
      const alternatives: TopLogprob[] = []
      for (const [candidate, probability] of probabilities) {
        if (alternatives.length >= topCount) break
        alternatives.push(top(candidate, probability))
      }
      return { ...top(token, probabilities.get(token) ?? 0), top_logprobs: alternatives }
    },
  }
}

type VocabularyView = { tokens?: readonly string[]; types?: readonly number[] }

function readVocabulary(model: LlamaModel): VocabularyView {
  const ggml = (model.fileInfo.metadata as { tokenizer?: { ggml?: Record<string, unknown> } }).tokenizer?.ggml
  return { tokens: ggml?.tokens as string[] | undefined, types: ggml?.token_type as number[] | undefined }
}

function byteOf(vocabulary: VocabularyView, token: Token): number | undefined {
  if (vocabulary.types?.[token] !== byteTokenType) return undefined
  const match = byteTokenPattern.exec(vocabulary.tokens?.[token] ?? '')
  return match ? Number.parseInt(match[1]!, 16) : undefined
}
