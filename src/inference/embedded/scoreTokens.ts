import type { ControlledEvaluateInputItem, LlamaContextSequence, Token } from 'node-llama-cpp'
import type { TokenLogprob } from '../openai/responseTypes.ts'
import type { TokenLogprobBuilder } from './createTokenLogprobs.ts'

/** One completion token as the model scores it, given everything before it. */
export type ScoredToken = TokenLogprob & { id: Token; isArgmax: boolean }

/** A teacher-forced score of a completion under this model. */
export type ScoreTokensReturnType = {
  tokens: ScoredToken[]
  /** Mean natural-log probability of the completion tokens. */
  meanLogprob: number
  /** Share of positions where the completion token is the model's most likely token. */
  argmaxAgreement: number
}

/**
 * Scores `completionTokens` after `promptTokens` in one batched pass (teacher forcing): the primitive a
 * watcher needs to check that an answer came from this model. Batched evaluation is not bitwise equal to
 * token-by-token decoding, so compare with a tolerance (docs/inference.md).
 *
 * @param sequence - a sequence the caller owns; its history is cleared.
 * @param logprobs - the model's logprob builder.
 * @param input - prompt tokens (BOS included), completion tokens, alternatives per position.
 * @returns per-token scores and their summary.
 * @example
 * const { meanLogprob, argmaxAgreement } = await scoreTokens(sequence, logprobs, { promptTokens, completionTokens, topLogprobs: 0 })
 */
export async function scoreTokens(
  sequence: LlamaContextSequence,
  logprobs: TokenLogprobBuilder,
  input: { promptTokens: Token[]; completionTokens: Token[]; topLogprobs: number },
): Promise<ScoreTokensReturnType> {
  const { promptTokens, completionTokens, topLogprobs } = input
  if (completionTokens.length === 0) return { tokens: [], meanLogprob: 0, argmaxAgreement: 0 }
  const all = [...promptTokens, ...completionTokens]
  const firstScored = promptTokens.length - 1
  // Every position from the last prompt token on predicts the next token; greedy keeps the logits raw.
  const items: ControlledEvaluateInputItem[] = all
    .slice(0, -1)
    .map((token, i) =>
      i < firstScored
        ? token
        : [token, { generateNext: { probabilities: true, options: { temperature: 0 } } }],
    )
  await sequence.clearHistory()
  const results = await sequence.controlledEvaluate(items)
  const tokens = completionTokens.map((token, i): ScoredToken => {
    const probabilities = results[firstScored + i]?.next.probabilities ?? new Map<Token, number>()
    const argmax = probabilities.keys().next().value
    return { ...logprobs.entry(token, probabilities, topLogprobs), id: token, isArgmax: argmax === token }
  })
  return {
    tokens,
    meanLogprob: tokens.reduce((sum, t) => sum + t.logprob, 0) / tokens.length,
    argmaxAgreement: tokens.filter((t) => t.isArgmax).length / tokens.length,
  }
}
