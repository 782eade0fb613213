import { describe, expect, it } from 'vitest'
import { createWatcherClient } from './createWatcherClient.ts'

const supplier = `0x${'cd'.repeat(20)}`

function fakeWatcher(routes: Record<string, unknown>) {
  const asked: string[] = []
  const fetch = (async (url: URL) => {
    asked.push(url.pathname)
    const body = routes[url.pathname]
    return body === undefined ? new Response('no', { status: 404 }) : Response.json(body)
  }) as unknown as typeof globalThis.fetch
  return { fetch, asked }
}

describe('createWatcherClient', () => {
  it('default: without a URL it is not configured', async () => {
    const watcher = createWatcherClient({ url: undefined })
    await watcher.refresh()
    expect(watcher.status()).toEqual({ state: 'not-configured' })
    expect(watcher.reports()).toEqual([])
  })

  it('behavior: falls back from /v1/reports to /reports and then keeps the path that answered', async () => {
    const fake = fakeWatcher({ '/reports': [{ supplier, verdict: 'pass' }] })
    const watcher = createWatcherClient({ url: 'http://watcher.test', fetch: fake.fetch, now: () => 7 })
    await watcher.refresh()
    await watcher.refresh()
    watcher.stop()
    expect(fake.asked).toEqual(['/v1/reports', '/reports', '/reports'])
    expect(watcher.status()).toEqual({ state: 'ok', url: 'http://watcher.test', fetchedAtMs: 7 })
    expect(watcher.reports()).toMatchObject([{ supplier, verdict: 'pass' }])
  })

  it('error: a watcher that answers no report path is unreachable', async () => {
    const watcher = createWatcherClient({ url: 'http://watcher.test', fetch: fakeWatcher({}).fetch })
    await watcher.refresh()
    watcher.stop()
    expect(watcher.status()).toMatchObject({
      state: 'unreachable',
      error: 'The watcher API failed: GET /reports answered 404.',
    })
  })

  it('error: a watcher that stops answering keeps its reports and the time of the last good fetch', async () => {
    const routes: Record<string, unknown> = { '/v1/reports': [{ supplier, verdict: 'pass' }] }
    const fake = fakeWatcher(routes)
    let nowMs = 7
    const watcher = createWatcherClient({ url: 'http://watcher.test', fetch: fake.fetch, now: () => nowMs })
    await watcher.refresh()
    delete routes['/v1/reports']
    nowMs = 20
    await watcher.refresh()
    watcher.stop()
    expect(watcher.status()).toEqual({
      state: 'unreachable',
      url: 'http://watcher.test',
      error: 'The watcher API failed: GET /v1/reports answered 404.',
      fetchedAtMs: 7,
    })
    expect(watcher.reports()).toMatchObject([{ supplier, verdict: 'pass' }])
  })
})
