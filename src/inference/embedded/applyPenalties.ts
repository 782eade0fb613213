/**
 * OpenAI's frequency and presence penalties, applied to probabilities: a token generated c times so far has
 * its logit lowered by `frequency · c + presence · [c > 0]`, i.e. its probability multiplied by e^−that.
 * The result is unnormalised (the sampler and the argmax do not need it normalised) and re-sorted.
 *
 * @param probabilities - token → probability, sorted descending.
 * @param counts - how often each token was generated so far in this answer.
 * @param penalties - `frequency` and `presence`, each in [−2, 2].
 * @returns token → penalised weight, sorted descending.
 * @example
 * applyPenalties(new Map([[1, 0.6], [2, 0.4]]), new Map([[1, 3]]), { frequency: 1, presence: 0 }).keys().next().value // 2
 */
export function applyPenalties<T extends number>(
  probabilities: ReadonlyMap<T, number>,
  counts: ReadonlyMap<T, number>,
  penalties: { frequency: number; presence: number },
): Map<T, number> {
  const adjusted = [...probabilities].map(([token, probability]): [T, number] => {
    const count = counts.get(token) ?? 0
    if (count === 0) return [token, probability]
    return [token, probability * Math.exp(-(penalties.frequency * count + penalties.presence))]
  })
  return new Map(adjusted.sort((a, b) => b[1] - a[1]))
}
