/** A chart bounds its series to this many points: enough for any screen, and a response that stays small. */
export const maxChartPoints = 2000

/**
 * Bounds a cumulative series to at most `maxPoints` points by session buckets: the first point, then the last
 * point of each bucket of equal session span. Why the last: the charted values are cumulative, so the last
 * point of a bucket is exact at the bucket's end; every kept point is a point of the full series, unchanged.
 *
 * @param series - the points, oldest first
 * @param maxPoints - the bound (at least 2)
 * @returns the series itself when within the bound, else the kept points
 * @example
 * downsampleBySession(earnings, maxChartPoints)
 */
export function downsampleBySession<P extends { session: string }>(
  series: readonly P[],
  maxPoints: number = maxChartPoints,
): P[] {
  const first = series[0]
  const last = series.at(-1)
  if (!first || !last || series.length <= maxPoints) return [...series]
  const from = BigInt(first.session)
  const span = BigInt(last.session) - from + 1n
  // One point is the first: the buckets share the rest, so there are at most maxPoints - 1 of them.
  const buckets = BigInt(Math.max(1, maxPoints - 1))
  const width = (span + buckets - 1n) / buckets
  const bucketOf = (point: P) => (BigInt(point.session) - from) / width
  const kept = [first]
  for (let i = 1; i < series.length; i++) {
    const point = series[i] as P
    const next = series[i + 1]
    if (!next || bucketOf(next) !== bucketOf(point)) kept.push(point)
  }
  return kept
}
