import { describe, expect, it } from 'vitest'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { createReportApp } from './createReportApp.ts'
import { createReportBook } from './createReportBook.ts'
import { sampleSignedReport } from './sampleAuditState.test-util.ts'

const privateKey: Hex = `0x${'11'.repeat(32)}`
const watcher = privateKeyToAddress(privateKey)
const supplierA: Hex = `0x${'aa'.repeat(20)}`
const supplierB: Hex = `0x${'bb'.repeat(20)}`

function signedFor(supplier: Hex, serviceId: string, nowMs: number) {
  return sampleSignedReport({ privateKey, supplier, serviceId, nowMs })
}

describe('createReportApp', () => {
  const book = createReportBook()
  book.put(signedFor(supplierA, 'svc', 1))
  book.put(signedFor(supplierB, 'svc', 2))
  book.put(signedFor(supplierA, 'svc', 3))
  const app = createReportApp({ book, watcher })

  it('behavior: GET /reports lists the latest report per supplier and service, newest first', async () => {
    const response = await app.request('/reports')
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      watcher: string
      reports: Array<{ report: { supplier: string; issuedAt: number } }>
    }
    expect(body.watcher).toBe(watcher)
    expect(body.reports.map((entry) => [entry.report.supplier, entry.report.issuedAt])).toEqual([
      [supplierA, 3],
      [supplierB, 2],
    ])
    expect((await app.request('/v1/reports')).status).toBe(200)
  })

  it('behavior: GET /reports/:supplier accepts any case', async () => {
    const response = await app.request(`/reports/${supplierB.toUpperCase().replace('0X', '0x')}`)
    const body = (await response.json()) as { supplier: string; reports: unknown[] }
    expect(body.supplier).toBe(supplierB)
    expect(body.reports).toHaveLength(1)
  })

  it('error: an unknown supplier or route is a WATCHER_NOT_FOUND 404', async () => {
    for (const path of [`/reports/0x${'cc'.repeat(20)}`, '/reports/not-an-address', '/nothing']) {
      const response = await app.request(path)
      expect(response.status).toBe(404)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('WATCHER_NOT_FOUND')
    }
  })
})
