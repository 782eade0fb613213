/**
 * The SentencePiece-style ("llama") vocabulary of a generated model: control tokens, the 256 `<0xNN>` byte
 * tokens (byte fallback, as in Llama 2), `▁`, printable ASCII, English words with every `▁`-prefix of each
 * (so llama.cpp's bigram merger can reach the whole word), then syllable fillers up to the requested size.
 */
import { InvalidModelOptionsError } from '../errors.ts'
import { englishWords } from './words.ts'

/** What a token is; the generator gives each class its own logit bias. */
export type TokenClass = 'control' | 'byte' | 'space' | 'char' | 'prefix' | 'word' | 'filler'

/** GGUF `tokenizer.ggml.token_type` values (llama.cpp's `llama_token_type`). */
export const tokenTypes = { normal: 1, unknown: 2, control: 3, byte: 6 } as const

/** The token list with its scores, GGUF types and classes, index = token id. */
export type Vocabulary = {
  tokens: string[]
  scores: number[]
  types: number[]
  classes: TokenClass[]
}

/** Token ids fixed by the layout. */
export const specialTokenIds = { unknown: 0, bos: 1, eos: 2 } as const

const firstByteTokenId = 3
const consonants = 'bdfghklmnprstvz'
const vowels = 'aeiou'

/**
 * Builds the vocabulary of `size` tokens. Deterministic: it depends on `size` and the word list only.
 *
 * @param size - number of tokens, at least 512.
 * @returns tokens, scores (−id, so earlier pieces merge first), GGUF types and classes.
 * @example
 * buildVocabulary(512).tokens[3] // '<0x00>'
 */
export function buildVocabulary(size: number): Vocabulary {
  if (!Number.isInteger(size) || size < 512) {
    throw new InvalidModelOptionsError({ field: 'vocabularySize', reason: 'must be an integer ≥ 512' })
  }
  const vocab = createBuilder(size)
  vocab.add('<unk>', 'control', tokenTypes.unknown)
  vocab.add('<s>', 'control', tokenTypes.control)
  vocab.add('</s>', 'control', tokenTypes.control)
  for (let byte = 0; byte < 256; byte++) vocab.add(byteTokenText(byte), 'byte', tokenTypes.byte)
  vocab.add('▁', 'space', tokenTypes.normal)
  for (let code = 0x21; code <= 0x7e; code++) vocab.add(String.fromCharCode(code), 'char', tokenTypes.normal)
  for (const word of englishWords) vocab.addWord(word)
  for (const filler of syllableFillers()) {
    if (vocab.isFull()) break
    vocab.add(filler, 'filler', tokenTypes.normal)
  }
  return vocab.result
}

/**
 * The text of the byte-fallback token for `byte`, e.g. `<0x0A>`.
 *
 * @param byte - 0…255.
 * @returns the token text.
 * @example
 * byteTokenText(10) // '<0x0A>'
 */
export function byteTokenText(byte: number): string {
  return `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`
}

/** The id of the byte-fallback token for `byte` in every generated vocabulary. */
export function byteTokenId(byte: number): number {
  return firstByteTokenId + byte
}

function createBuilder(size: number) {
  const result: Vocabulary = { tokens: [], scores: [], types: [], classes: [] }
  const ids = new Map<string, number>()
  const isFull = () => result.tokens.length >= size
  const add = (text: string, tokenClass: TokenClass, type: number) => {
    if (isFull() || ids.has(text)) return
    ids.set(text, result.tokens.length)
    result.scores.push(-result.tokens.length)
    result.tokens.push(text)
    result.types.push(type)
    result.classes.push(tokenClass)
  }
  // A word enters only with all its prefixes; a prefix that later turns out to be a word is promoted.
  const addWord = (word: string) => {
    const pieces = Array.from(word, (_, i) => `▁${word.slice(0, i + 1)}`)
    const missing = pieces.filter((piece) => !ids.has(piece)).length
    if (result.tokens.length + missing > size) return
    for (const piece of pieces) add(piece, 'prefix', tokenTypes.normal)
    result.classes[ids.get(pieces.at(-1)!)!] = 'word'
  }
  return { add, addWord, isFull, result }
}

// "▁ba", "ba", "▁bab", "bab", …: consonant–vowel syllables of growing length, word-initial form first.
function* syllableFillers(): Generator<string> {
  let level = [...consonants].flatMap((c) => [...vowels].map((v) => c + v))
  for (let round = 0; round < 6; round++) {
    for (const syllable of level) {
      yield `▁${syllable}`
      yield syllable
    }
    const tail = round % 2 === 0 ? consonants : vowels
    level = level.flatMap((s) => [...tail].map((t) => s + t))
  }
}
