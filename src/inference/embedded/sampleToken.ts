/**
 * Draws the next token from the model's raw distribution: temperature first, then the top-p nucleus of
 * the tempered distribution (the transformers / vLLM order), then one uniform draw. Doing it here rather
 * than in llama.cpp's sampler keeps the raw probabilities available for logprobs and makes the sampling
 * rule explicit and seedable.
 *
 * @param probabilities - token → probability, sorted by descending probability (as node-llama-cpp returns it).
 * @param parameters.temperature - > 0.
 * @param parameters.topP - in (0, 1].
 * @param uniform - a draw in [0, 1).
 * @returns the chosen token.
 * @example
 * sampleToken(new Map([[5, 0.9], [7, 0.1]]), { temperature: 1, topP: 1 }, 0.95) // 7
 */
export function sampleToken<T extends number>(
  probabilities: ReadonlyMap<T, number>,
  parameters: { temperature: number; topP: number },
  uniform: number,
): T {
  const exponent = 1 / parameters.temperature
  const tokens: T[] = []
  const weights: number[] = []
  let total = 0
  for (const [token, probability] of probabilities) {
    if (probability <= 0) break
    const weight = probability ** exponent
    tokens.push(token)
    weights.push(weight)
    total += weight
  }
  if (tokens.length === 0) return probabilities.keys().next().value!
  const kept = nucleusSize(weights, total, parameters.topP)
  let keptTotal = 0
  for (let i = 0; i < kept; i++) keptTotal += weights[i]!
  const target = uniform * keptTotal
  let cumulative = 0
  for (let i = 0; i < kept; i++) {
    cumulative += weights[i]!
    if (cumulative > target) return tokens[i]!
  }
  return tokens[kept - 1]!
}

// The smallest prefix of the sorted weights whose share reaches topP (at least one token).
function nucleusSize(weights: readonly number[], total: number, topP: number): number {
  if (topP >= 1) return weights.length
  let cumulative = 0
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i]!
    if (cumulative >= topP * total) return i + 1
  }
  return weights.length
}
