import { describe, expect, it } from 'vitest'
import { type CheckMeteringParameters, checkMetering } from './checkMetering.ts'

const base: CheckMeteringParameters = {
  usage: { prompt_tokens: 21, completion_tokens: 64, total_tokens: 85 },
  finishReason: 'length',
  maxTokens: 64,
  expectedPromptTokens: 21,
  expectedCompletionTokens: 64,
  tolerances: { promptTokens: 0, completionTokens: 2 },
}

describe('checkMetering', () => {
  it.each<[string, Partial<CheckMeteringParameters>, number, boolean]>([
    ['valid: exact counts', {}, 0, false],
    [
      'valid: a stop answer a token longer than its re-tokenisation',
      { finishReason: 'stop', expectedCompletionTokens: 63 },
      0,
      false,
    ],
    [
      'invalid: inflated prompt tokens',
      { usage: { prompt_tokens: 24, completion_tokens: 64, total_tokens: 88 } },
      1,
      false,
    ],
    [
      'invalid: more completion tokens than max_tokens',
      { usage: { prompt_tokens: 21, completion_tokens: 70, total_tokens: 91 } },
      1,
      true,
    ],
    [
      'valid: a length finish short of max_tokens (a full context; billing less is no offence)',
      { usage: { prompt_tokens: 21, completion_tokens: 60, total_tokens: 81 }, expectedCompletionTokens: 60 },
      0,
      false,
    ],
    [
      'invalid: stopped early yet billed max_tokens with a length finish',
      { expectedCompletionTokens: 30 },
      0,
      true,
    ],
    [
      'invalid: a stop answer billed well above its re-tokenisation',
      { finishReason: 'stop', expectedCompletionTokens: 50 },
      0,
      true,
    ],
    [
      'invalid: signed usage differing from the body',
      { signedUsage: { inputTokens: 21, outputTokens: 63, maxInputTokens: 100, maxOutputTokens: 64 } },
      1,
      false,
    ],
    [
      'valid: signed usage cut to the signed bound',
      { signedUsage: { inputTokens: 20, outputTokens: 64, maxInputTokens: 20, maxOutputTokens: 64 } },
      0,
      false,
    ],
  ])('%s', (_name, overrides, proofs, isExcessive) => {
    const seen = checkMetering({ ...base, ...overrides })
    expect(seen.proofs).toHaveLength(proofs)
    expect(seen.isExcessive).toBe(isExcessive)
  })

  it('behavior: an answer with neither body usage nor a signed usage is not evidence', () => {
    expect(checkMetering({ ...base, usage: undefined })).toMatchObject({ isReported: false, proofs: [] })
  })

  it('behavior: without body usage the signed usage is still checked against the re-count', () => {
    const signedUsage = { inputTokens: 21, outputTokens: 64, maxInputTokens: 100, maxOutputTokens: 100 }
    expect(checkMetering({ ...base, usage: undefined, signedUsage })).toMatchObject({
      isReported: true,
      proofs: [],
      completionExcess: 0,
    })
    const inflatedPrompt = { ...signedUsage, inputTokens: 25 }
    expect(checkMetering({ ...base, usage: undefined, signedUsage: inflatedPrompt }).proofs).toEqual([
      'prompt_tokens 25, re-counted 21',
    ])
    const stoppedEarly = { ...base, usage: undefined, signedUsage, finishReason: 'stop' as const }
    expect(checkMetering({ ...stoppedEarly, expectedCompletionTokens: 40 })).toMatchObject({
      completionExcess: 24,
      isExcessive: true,
    })
  })

  it('behavior: the signed usage is what is billed: a small excess in it counts even when the body is exact', () => {
    const signedUsage = { inputTokens: 21, outputTokens: 65, maxInputTokens: 100, maxOutputTokens: 100 }
    const seen = checkMetering({ ...base, finishReason: 'stop', maxTokens: 96, signedUsage })
    expect(seen.proofs).toEqual(["signed usage 21/65 differs from the body's"])
    expect(seen).toMatchObject({ completionExcess: 1, counts: { completionReported: 65 } })
  })
})
