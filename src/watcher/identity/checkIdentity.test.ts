import { describe, expect, it } from 'vitest'
import type { ScoredToken, ScoreTokensReturnType, TokenLogprob } from '../../inference/index.ts'
import { checkIdentity } from './checkIdentity.ts'
import { computeTokenMargins } from './computeTokenMargins.ts'

// A scored token: the returned token `text` with its reference logprob, and the reference's best ones.
function scored(text: string, logprob: number, top: Array<[string, number]>): ScoredToken {
  const piece = (token: string, lp: number) => ({ token, logprob: lp, bytes: [...Buffer.from(token)] })
  return {
    ...piece(text, logprob),
    top_logprobs: top.map(([token, lp]) => piece(token, lp)),
    id: 0 as ScoredToken['id'],
    isArgmax: top[0]?.[0] === text,
  }
}

function scoreOf(tokens: ScoredToken[]): ScoreTokensReturnType {
  return { tokens, meanLogprob: 0, argmaxAgreement: 0 }
}

const noPenalties = { frequency: 0, presence: 0 }
const tolerances = { marginNats: 0.01, logprobNats: 0.01 }

describe('computeTokenMargins', () => {
  it('behavior: the argmax has margin 0; another token its distance below the best', () => {
    const tokens = [scored(' a', -0.5, [[' a', -0.5]]), scored(' b', -1.7, [[' c', -0.2]])]
    expect(computeTokenMargins(tokens, noPenalties)).toEqual([0, 1.5])
  })

  it('behavior: penalties demote tokens already returned, as greedy decoding with penalties does', () => {
    // ' a' is the raw best at position 2, but it was returned once already: 1.0 frequency penalty.
    const tokens = [
      scored(' a', -0.3, [[' a', -0.3]]),
      scored(' b', -0.9, [
        [' a', -0.4],
        [' b', -0.9],
      ]),
    ]
    expect(computeTokenMargins(tokens, { frequency: 1, presence: 0 })).toEqual([0, 0])
    expect(computeTokenMargins(tokens, noPenalties)[1]).toBeCloseTo(0.5, 12)
  })
})

describe('checkIdentity', () => {
  it('behavior: greedy answers count positions ranking more than τ below the best', () => {
    const score = scoreOf([
      scored(' a', -0.5, [[' a', -0.5]]),
      scored(' b', -0.505, [[' c', -0.5]]),
      scored(' d', -2, [[' e', -0.1]]),
    ])
    const seen = checkIdentity({
      temperature: 0,
      penalties: noPenalties,
      score,
      logprobs: undefined,
      tolerances,
    })
    expect(seen).toMatchObject({ mode: 'greedy', positions: 3, violations: 1, logprobPositions: 0 })
    expect(seen.maxMarginNats).toBeCloseTo(1.9, 12)
  })

  it('behavior: sampled answers are checked through their logprobs only, up to the first token mismatch', () => {
    const score = scoreOf([
      scored(' a', -1, [[' z', -0.1]]),
      scored(' b', -2, [[' b', -2]]),
      scored(' c', -3, []),
    ])
    const logprobs: TokenLogprob[] = [
      { token: ' a', logprob: -1.001, bytes: null, top_logprobs: [] },
      { token: ' b', logprob: -2.5, bytes: null, top_logprobs: [] },
      { token: ' x', logprob: -3, bytes: null, top_logprobs: [] },
    ]
    const seen = checkIdentity({ temperature: 0.7, penalties: noPenalties, score, logprobs, tolerances })
    expect(seen).toMatchObject({
      mode: 'sampled',
      positions: 0,
      violations: 0,
      logprobPositions: 2,
      logprobDeviations: 1,
    })
    expect(seen.maxLogprobDeviationNats).toBeCloseTo(0.5, 12)
  })
})
