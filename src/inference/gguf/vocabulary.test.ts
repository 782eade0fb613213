import { describe, expect, it } from 'vitest'
import { computeLogitBiases } from './logitBiases.ts'
import { buildVocabulary, byteTokenId, specialTokenIds, tokenTypes } from './vocabulary.ts'

describe('buildVocabulary', () => {
  it('default: control tokens, then the 256 byte tokens, then ▁ and printable ASCII', () => {
    const vocabulary = buildVocabulary(512)
    expect(vocabulary.tokens.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<0x00>'])
    expect(vocabulary.tokens[byteTokenId(0x0a)]).toBe('<0x0A>')
    expect(vocabulary.types[byteTokenId(0xff)]).toBe(tokenTypes.byte)
    expect(vocabulary.tokens[byteTokenId(0xff) + 1]).toBe('▁')
    expect(vocabulary.types[specialTokenIds.eos]).toBe(tokenTypes.control)
  })

  it('behavior: exactly `size` unique tokens, every word with all its ▁-prefixes', () => {
    for (const size of [512, 4096, 16384]) {
      const vocabulary = buildVocabulary(size)
      expect(vocabulary.tokens.length).toBe(size)
      expect(new Set(vocabulary.tokens).size).toBe(size)
      const present = new Set(vocabulary.tokens)
      vocabulary.tokens.forEach((token, id) => {
        if (vocabulary.classes[id] !== 'word') return
        for (let n = 2; n <= token.length; n++) expect(present.has(token.slice(0, n))).toBe(true)
      })
    }
  })

  it('behavior: words are the only tokens with a positive bias; EOS follows eosBias', () => {
    const vocabulary = buildVocabulary(512)
    const biases = computeLogitBiases(vocabulary)
    expect(biases.map((bias) => bias > 0)).toEqual(vocabulary.classes.map((c) => c === 'word'))
    expect(biases[specialTokenIds.eos]).toBe(-30)
    expect(computeLogitBiases(vocabulary, 5)[specialTokenIds.eos]).toBe(5)
  })

  it('error: a vocabulary below 512 tokens or an out-of-range EOS bias', () => {
    expect(() => buildVocabulary(100)).toThrow(
      expect.objectContaining({ code: 'INFERENCE_INVALID_MODEL_OPTIONS' }),
    )
    expect(() => computeLogitBiases(buildVocabulary(512), 31)).toThrow(
      expect.objectContaining({ code: 'INFERENCE_INVALID_MODEL_OPTIONS' }),
    )
  })
})
