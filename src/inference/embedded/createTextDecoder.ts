import type { LlamaModel, Token } from 'node-llama-cpp'

/** Turns generated tokens into text, releasing only complete characters. */
export type TextDecoder = {
  /** Adds a token; returns the text that became complete (possibly ''). */
  push(token: Token): string
  /** Returns whatever is still held back (an incomplete UTF-8 tail decodes to U+FFFD). */
  flush(): string
}

// A UTF-8 character spans at most 4 byte tokens; holding more than that means the bytes are invalid.
const maxHeldTokens = 4
const replacementCharacter = '\uFFFD'

/**
 * An incremental detokeniser. Byte-fallback tokens can split one character across several tokens, so
 * text ending in U+FFFD is held back until the character completes. Each piece is detokenised with the
 * tokens before it as context (`lastTokens`), so word-boundary spaces come out as llama.cpp's own
 * full-sequence detokenisation would write them.
 *
 * @param model - the loaded model.
 * @param context - the prompt tokens, the context of the first generated token.
 * @returns the decoder.
 * @example
 * const decoder = createTextDecoder(model, promptTokens); text += decoder.push(token)
 */
export function createTextDecoder(model: LlamaModel, context: readonly Token[]): TextDecoder {
  const released: Token[] = context.slice(-8)
  let held: Token[] = []
  const decodeHeld = () => model.detokenize(held, false, released)
  const release = (text: string) => {
    released.push(...held)
    released.splice(0, Math.max(0, released.length - 8))
    held = []
    return text
  }
  return {
    push(token) {
      held.push(token)
      const text = decodeHeld()
      if (text.endsWith(replacementCharacter) && held.length < maxHeldTokens) return ''
      return release(text)
    },
    flush() {
      return held.length === 0 ? '' : release(decodeHeld())
    },
  }
}
