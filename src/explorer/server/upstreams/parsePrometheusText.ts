/** One sample of the Prometheus text exposition format. */
export type PrometheusSample = { name: string; labels: Record<string, string>; value: number }

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g

/**
 * Parses Prometheus' text format (what every decai `/metrics` endpoint serves) into samples. Comments,
 * blank lines and lines that do not parse are skipped: metrics are advisory here, never fatal.
 *
 * @param text - the exposition
 * @returns the samples
 * @example
 * parsePrometheusText('decai_gateway_supplier_score{supplier="0xab",quarantined="false"} 87.5')
 * // [{ name: 'decai_gateway_supplier_score', labels: { supplier: '0xab', quarantined: 'false' }, value: 87.5 }]
 */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const match = sampleLine.exec(line)
    if (!match) continue
    const value = toValue(match[3]!)
    if (value === undefined) continue
    const labels: Record<string, string> = {}
    for (const [, key, escaped] of (match[2] ?? '').matchAll(labelPair))
      labels[key!] = escaped!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))
    samples.push({ name: match[1]!, labels, value })
  }
  return samples
}

// The format's own spellings of the special values; anything else must be a number.
function toValue(text: string): number | undefined {
  if (text === '+Inf') return Number.POSITIVE_INFINITY
  if (text === '-Inf') return Number.NEGATIVE_INFINITY
  if (text === 'NaN') return Number.NaN
  const value = Number(text)
  return Number.isNaN(value) ? undefined : value
}
