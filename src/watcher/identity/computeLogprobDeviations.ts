import type { ScoreTokensReturnType, TokenLogprob } from '../../inference/index.ts'

/**
 * |ℓ_supplier − ℓ_reference| per position, over the prefix where both name the same token: past a
 * tokenisation mismatch the positions no longer line up, and comparing them would measure nothing.
 *
 * @param score - the reference's teacher-forced score of the returned content.
 * @param logprobs - the supplier's per-token logprobs (none: no deviations).
 * @returns one absolute difference (nats) per comparable position.
 * @example
 * computeLogprobDeviations(score, answer.logprobs) // [0.0004, 0.0011, …]
 */
export function computeLogprobDeviations(
  score: ScoreTokensReturnType,
  logprobs: readonly TokenLogprob[] | undefined,
): number[] {
  if (!logprobs) return []
  const deviations: number[] = []
  for (let i = 0; i < Math.min(logprobs.length, score.tokens.length); i++) {
    const returned = logprobs[i]!
    const reference = score.tokens[i]!
    if (returned.token !== reference.token) break
    deviations.push(Math.abs(returned.logprob - reference.logprob))
  }
  return deviations
}
