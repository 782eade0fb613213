import { describe, expect, it } from 'vitest'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { buildWatcherReport } from './buildWatcherReport.ts'
import { sampleState } from './sampleAuditState.test-util.ts'
import { hashWatcherReport, signWatcherReport } from './signWatcherReport.ts'
import { verifyWatcherReport } from './verifyWatcherReport.ts'

const privateKey: Hex = `0x${'11'.repeat(32)}`
const otherKey: Hex = `0x${'22'.repeat(32)}`
const watcher = privateKeyToAddress(privateKey)

function sampleReport() {
  return buildWatcherReport({
    watcher,
    supplier: `0x${'AB'.repeat(20)}`,
    serviceId: 'llama-small',
    modelSha256: 'ab'.repeat(32),
    alpha: 0.01,
    state: sampleState(),
    startedAtMs: 1_700_000_000_000,
    failedAtMs: 1_700_000_060_000,
    nowMs: 1_700_000_090_000,
  })
}

describe('buildWatcherReport', () => {
  it('default: lower-case addresses, rounded numbers, the failure time as decidedAt', () => {
    const report = sampleReport()
    expect(report.supplier).toBe(`0x${'ab'.repeat(20)}`)
    expect(report.checks[0]!.log10EValue).toBe(12.301235)
    expect(report.tally.ttftP50Ms).toBe(120.123457)
    expect(report).toMatchObject({ verdict: 'fail', check: 'identity', decidedAt: 1_700_000_060_000 })
    expect(report.summary).toBe('failed identity after 2 probes (e-value 10^12.30 ≥ 10^2.48)')
  })
})

describe('signWatcherReport / verifyWatcherReport', () => {
  it('behavior: a signed report verifies and names its watcher', () => {
    const signed = signWatcherReport(sampleReport(), privateKey)
    expect(signed.reportHash).toBe(hashWatcherReport(signed.report))
    expect(verifyWatcherReport(signed, watcher)).toEqual(signed.report)
  })

  it('behavior: the hash survives a JSON round trip (canonical JSON)', () => {
    const signed = signWatcherReport(sampleReport(), privateKey)
    const parsed = JSON.parse(JSON.stringify(signed))
    expect(verifyWatcherReport(parsed)).toEqual(signed.report)
  })

  it('error: an altered verdict, a foreign signature or another watcher is refused', () => {
    const signed = signWatcherReport(sampleReport(), privateKey)
    const altered = { ...signed, report: { ...signed.report, verdict: 'pass' as const } }
    expect(() => verifyWatcherReport(altered)).toThrowError(/hash mismatch/)
    const foreign = signWatcherReport(sampleReport(), otherKey)
    expect(() => verifyWatcherReport(foreign)).toThrowError(/another key/)
    expect(() => verifyWatcherReport(signed, privateKeyToAddress(otherKey))).toThrowError(/expected watcher/)
  })
})
