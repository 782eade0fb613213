import { describe, expect, it } from 'vitest'
import { parsePrometheusText } from './parsePrometheusText.ts'

describe('parsePrometheusText', () => {
  it('behavior: reads samples with labels, skipping comments and blank lines', () => {
    const text = [
      '# HELP decai_gateway_supplier_score Supplier score',
      '# TYPE decai_gateway_supplier_score gauge',
      'decai_gateway_supplier_score{supplier="0xAb",quarantined="false"} 87.5',
      '',
      'decai_gateway_relay_attempts_total{kind="first",outcome="success"} 12 1700000000000',
      'process_up 1',
    ].join('\n')
    expect(parsePrometheusText(text)).toEqual([
      {
        name: 'decai_gateway_supplier_score',
        labels: { supplier: '0xAb', quarantined: 'false' },
        value: 87.5,
      },
      {
        name: 'decai_gateway_relay_attempts_total',
        labels: { kind: 'first', outcome: 'success' },
        value: 12,
      },
      { name: 'process_up', labels: {}, value: 1 },
    ])
  })

  it('behavior: unescapes label values and reads the special values', () => {
    expect(parsePrometheusText('m{a="x\\"y\\\\z"} 3')[0]!.labels.a).toBe('x"y\\z')
    expect(parsePrometheusText('m{le="+Inf"} +Inf\nm -Inf\nm NaN').map((s) => s.value)).toEqual([
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
    ])
  })

  it('error: lines that do not parse are skipped, not fatal', () => {
    expect(parsePrometheusText('not a metric line at all\n{}\nm{a="b"} twelve')).toEqual([])
  })
})
