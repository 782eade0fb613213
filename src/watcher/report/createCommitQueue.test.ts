import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { ReportCommitter } from '../ports.ts'
import { createCommitQueue } from './createCommitQueue.ts'
import { createReportBook } from './createReportBook.ts'
import { sampleSignedReport } from './sampleAuditState.test-util.ts'

const privateKey: Hex = `0x${'22'.repeat(32)}`
const supplier: Hex = `0x${'cc'.repeat(20)}`

function reportAt(nowMs: number) {
  return sampleSignedReport({ privateKey, supplier, serviceId: 'svc', nowMs })
}

describe('createCommitQueue', () => {
  it('behavior: commits one at a time in order; a failure is skipped; later reports carry the last commitment', async () => {
    const seen: Hex[] = []
    let inFlight = 0
    const committer: ReportCommitter = {
      async commit(signed) {
        inFlight++
        expect(inFlight).toBe(1)
        await new Promise((resolve) => setTimeout(resolve, 5))
        inFlight--
        seen.push(signed.reportHash)
        if (seen.length === 2) throw new Error('out of gas')
        return { blockNumber: BigInt(seen.length * 10) }
      },
    }
    const book = createReportBook()
    const queue = createCommitQueue(committer, pino({ level: 'silent' }), book.noteCommitment)
    const [first, second, third] = [reportAt(1), reportAt(2), reportAt(3)]
    for (const signed of [first, second, third]) {
      book.put(signed)
      queue.push(signed)
    }
    await queue.drain()
    expect(seen).toEqual([first.reportHash, second.reportHash, third.reportHash])
    const later = reportAt(4)
    book.put(later)
    expect(book.list()).toEqual([
      { ...later, commitment: { reportHash: third.reportHash, blockNumber: '30' } },
    ])
  })

  it('default: a book with no commitment publishes reports as signed', () => {
    const book = createReportBook()
    const signed = reportAt(1)
    book.put(signed)
    expect(book.list()).toEqual([signed])
  })
})
