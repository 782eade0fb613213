import { describe, expect, it } from 'vitest'
import { parseWatcherReports } from './parseWatcherReports.ts'

const supplier = `0x${'Ab'.repeat(20)}`

describe('parseWatcherReports', () => {
  it('behavior: reads bare and signed-envelope reports, newest first, addresses lower-cased', () => {
    const { reports, dropped } = parseWatcherReports({
      reports: [
        { supplier, verdict: 'pass', decidedAt: 1_700_000_000 },
        {
          report: { supplier, verdict: 'fail', check: 'metering', decidedAt: '2024-01-01T00:00:00Z' },
          signature: '0x1234',
        },
      ],
    })
    expect(dropped).toBe(0)
    expect(reports.map((r) => [r.verdict, r.isSigned, r.supplier])).toEqual([
      ['fail', true, supplier.toLowerCase()],
      ['pass', false, supplier.toLowerCase()],
    ])
    expect(reports[1]!.decidedAtMs).toBe(1_700_000_000_000)
  })

  it('behavior: accepts a bare array and millisecond times', () => {
    const { reports } = parseWatcherReports([
      { supplier, verdict: 'inconclusive', decidedAt: 1_700_000_000_123 },
    ])
    expect(reports[0]).toMatchObject({
      verdict: 'inconclusive',
      decidedAtMs: 1_700_000_000_123,
      serviceId: null,
    })
  })

  it('behavior: with a verifier, each entry records whether its signature checks out', () => {
    const entries = [
      { report: { supplier, verdict: 'pass', summary: 'good' }, signature: '0x01' },
      { report: { supplier, verdict: 'pass', summary: 'edited' }, signature: '0x01' },
    ]
    const verify = (entry: unknown) => (entry as { report: { summary: string } }).report.summary === 'good'
    expect(parseWatcherReports(entries, verify).reports.map((r) => [r.summary, r.isVerified])).toEqual([
      ['good', true],
      ['edited', false],
    ])
    expect(parseWatcherReports(entries).reports[0]!.isVerified).toBeNull()
  })

  it('behavior: keeps the signed report hash (lower-cased), which the explorer looks up on chain; a malformed one is null', () => {
    const reportHash = `0x${'Cd'.repeat(32)}`
    const { reports } = parseWatcherReports([
      { report: { supplier, verdict: 'pass' }, reportHash, signature: '0x01' },
      { supplier, verdict: 'pass', reportHash: '0x1234' },
    ])
    expect(reports.map((r) => r.reportHash)).toEqual([reportHash.toLowerCase(), null])
  })

  it('error: entries without a supplier address or verdict are dropped and counted', () => {
    const { reports, dropped } = parseWatcherReports([{ supplier: 'nope', verdict: 'pass' }, { supplier }, 7])
    expect(reports).toEqual([])
    expect(dropped).toBe(3)
  })

  it('error: a body that is not a list is one dropped entry', () => {
    expect(parseWatcherReports({ something: 'else' })).toEqual({ reports: [], dropped: 1 })
  })
})
