import { describe, expect, it } from 'vitest'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import type { AuditState } from '../audit/types.ts'
import { buildWatcherReport } from './buildWatcherReport.ts'
import { createReportApp } from './createReportApp.ts'
import { createReportBook } from './createReportBook.ts'
import { createReportFeed } from './createReportFeed.ts'
import { sampleState } from './sampleAuditState.test-util.ts'
import { signWatcherReport } from './signWatcherReport.ts'
import type { WatcherVerdict } from './types.ts'

const watcherKey: Hex = `0x${'11'.repeat(32)}`
const strangerKey: Hex = `0x${'22'.repeat(32)}`
const watcher = privateKeyToAddress(watcherKey)

function signed(supplier: Hex, verdict: AuditState['verdict'], key: Hex, nowMs: number, serviceId = 'svc') {
  const state = { ...sampleState(), verdict }
  const report = buildWatcherReport({
    watcher: privateKeyToAddress(key),
    supplier,
    serviceId,
    modelSha256: 'ab'.repeat(32),
    alpha: 0.01,
    state,
    startedAtMs: 0,
    failedAtMs: undefined,
    nowMs,
  })
  return signWatcherReport(report, key)
}

// A feed polling an in-process report app over a book the test fills.
function feedOverBook() {
  const book = createReportBook()
  const app = createReportApp({ book, watcher })
  const feed = createReportFeed({
    url: 'http://watcher.test',
    watcher,
    fetch: (async (url: string | URL | Request) =>
      app.request(new URL(String(url)).pathname)) as typeof fetch,
  })
  return { book, feed }
}

describe('createReportFeed', () => {
  it('behavior: verified verdicts are announced once per change; foreign and pending reports are not', async () => {
    const { book, feed } = feedOverBook()
    const seen: WatcherVerdict[] = []
    feed.subscribe((verdict) => seen.push(verdict))
    const a: Hex = `0x${'aa'.repeat(20)}`
    const b: Hex = `0x${'bb'.repeat(20)}`
    const c: Hex = `0x${'cc'.repeat(20)}`
    book.put(signed(a, 'fail', watcherKey, 1))
    book.put(signed(b, 'pending', watcherKey, 2))
    book.put(signed(c, 'fail', strangerKey, 3))
    await feed.refresh()
    await feed.refresh()
    book.put(signed(b, 'pass', watcherKey, 4))
    await feed.refresh()
    feed.stop()
    expect(seen.map((verdict) => [verdict.supplier, verdict.outcome])).toEqual([
      [a, 'fail'],
      [b, 'pass'],
    ])
  })
  it('behavior: verdicts are per service; a standing fail is replayed to a late subscriber; stale reports are ignored', async () => {
    const { book, feed } = feedOverBook()
    const a: Hex = `0x${'aa'.repeat(20)}`
    book.put(signed(a, 'fail', watcherKey, 10, 'svc'))
    book.put(signed(a, 'pass', watcherKey, 11, 'other'))
    await feed.refresh()
    const late: WatcherVerdict[] = []
    feed.subscribe((verdict) => late.push(verdict))
    expect(late.map((verdict) => [verdict.serviceId, verdict.outcome]).sort()).toEqual([
      ['other', 'pass'],
      ['svc', 'fail'],
    ])
    // A stale copy of an older pass changes nothing; a later pending neither.
    book.put(signed(a, 'pass', watcherKey, 5, 'svc'))
    await feed.refresh()
    book.put(signed(a, 'pending', watcherKey, 12, 'svc'))
    await feed.refresh()
    expect(late).toHaveLength(2)
    book.put(signed(a, 'pass', watcherKey, 13, 'svc'))
    await feed.refresh()
    feed.stop()
    expect(late.at(-1)).toMatchObject({ serviceId: 'svc', outcome: 'pass' })
  })
})
