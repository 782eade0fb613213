import type { ScoredToken } from '../../inference/index.ts'

/** OpenAI's frequency and presence penalties of a request (0 = off). */
export type Penalties = { frequency: number; presence: number }

/**
 * For each returned token, how far below the reference's best choice it ranks, in nats:
 * m_t = max_c (ℓ_c − pen_c) − (ℓ_x − pen_x), where ℓ are the reference's teacher-forced logprobs and
 * pen the request's frequency/presence penalties over the tokens returned before t (the rule greedy
 * decoding applies). m_t = 0 means the supplier returned the reference's argmax; a small m_t is a near
 * tie that numerical noise can flip. Candidates come from the reference's top alternatives, so when
 * penalties push the best candidate below them the margin is a lower bound (which only errs toward
 * "honest").
 *
 * @param tokens - the reference's scores of the returned tokens, with top alternatives.
 * @param penalties - the request's penalties.
 * @returns one margin per token, ≥ 0.
 * @example
 * computeTokenMargins(score.tokens, { frequency: 0, presence: 0 }) // [0, 0, 0.42, …]
 */
export function computeTokenMargins(tokens: readonly ScoredToken[], penalties: Penalties): number[] {
  const counts = new Map<string, number>()
  const hasPenalties = penalties.frequency !== 0 || penalties.presence !== 0
  const penaltyOf = (key: string) => {
    const count = counts.get(key) ?? 0
    return count === 0 ? 0 : penalties.frequency * count + penalties.presence
  }
  return tokens.map((token) => {
    const key = pieceKey(token)
    const chosen = token.logprob - (hasPenalties ? penaltyOf(key) : 0)
    let best = chosen
    for (const candidate of token.top_logprobs) {
      const adjusted = candidate.logprob - (hasPenalties ? penaltyOf(pieceKey(candidate)) : 0)
      if (adjusted > best) best = adjusted
    }
    counts.set(key, (counts.get(key) ?? 0) + 1)
    return best - chosen
  })
}

// Token strings can repeat across ids (a byte token and a normal one); text plus raw bytes cannot.
function pieceKey(piece: { token: string; bytes: number[] | null }): string {
  return `${piece.token}\u0000${piece.bytes?.join(',') ?? ''}`
}
