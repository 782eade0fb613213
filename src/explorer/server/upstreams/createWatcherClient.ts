import type { UpstreamStatus } from '../../api/types.ts'
import { ExplorerUpstreamFailedError } from '../../errors.ts'
import { withSlash } from './createGatewayProbe.ts'
import {
  type PublishedWatcherReport,
  parseWatcherReports,
  type WatcherReportVerifier,
} from './parseWatcherReports.ts'

/** The watcher's published reports, as last fetched. */
export type WatcherClient = {
  status(): UpstreamStatus
  reports(): readonly PublishedWatcherReport[]
  /** Fetches now. Never throws: a failure is recorded in `status()`. */
  refresh(): Promise<void>
  stop(): void
}

export type CreateWatcherClientParameters = {
  /** The watcher's base URL; undefined when none is configured. */
  url: string | undefined
  /** Checks each report's signature (the CLI passes the watcher's verifier); unchecked without it. */
  verify?: WatcherReportVerifier | undefined
  fetch?: typeof fetch | undefined
  /** Poll period. Default 10 s. */
  intervalMs?: number | undefined
  timeoutMs?: number | undefined
  now?: (() => number) | undefined
}

// Tried in order; the first that answers 200 is kept (docs/explorer.md, "Watcher reports").
const reportPaths = ['v1/reports', 'reports']

/**
 * Polls a watcher's report list over HTTP. The explorer shows each supplier's latest verdict and the
 * report list; with no URL it reports `not-configured` and the pages say "no watcher configured".
 *
 * @param parameters - URL, fetch, period
 * @returns the client (polling in the background until `stop()`)
 * @example
 * const watcher = createWatcherClient({ url: 'http://127.0.0.1:8090' })
 */
export function createWatcherClient(parameters: CreateWatcherClientParameters): WatcherClient {
  const { url } = parameters
  const doFetch = parameters.fetch ?? fetch
  const now = parameters.now ?? Date.now
  let status: UpstreamStatus = url
    ? { state: 'unreachable', url, error: 'not fetched yet', fetchedAtMs: null }
    : { state: 'not-configured' }
  let reports: PublishedWatcherReport[] = []
  let working: string | undefined
  const refresh = async () => {
    if (!url) return
    try {
      const { body, path } = await fetchReports(doFetch, url, working, parameters.timeoutMs ?? 3_000)
      working = path
      reports = parseWatcherReports(body, parameters.verify).reports
      status = { state: 'ok', url, fetchedAtMs: now() }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      // The last good fetch time stays, so the page can say how old the reports it still shows are.
      const fetchedAtMs = status.state === 'not-configured' ? null : status.fetchedAtMs
      status = { state: 'unreachable', url, error: reason, fetchedAtMs }
    }
  }
  const timer = url ? setInterval(() => void refresh(), parameters.intervalMs ?? 10_000) : undefined
  timer?.unref()
  return { status: () => status, reports: () => reports, refresh, stop: () => clearInterval(timer) }
}

async function fetchReports(
  doFetch: typeof fetch,
  url: string,
  known: string | undefined,
  timeoutMs: number,
): Promise<{ body: unknown; path: string }> {
  let last = 'no report path answered'
  for (const path of known ? [known] : reportPaths) {
    const response = await doFetch(new URL(path, withSlash(url)), {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    })
    if (response.ok) return { body: await response.json(), path }
    last = `GET /${path} answered ${response.status}`
  }
  throw new ExplorerUpstreamFailedError({ upstream: 'watcher', reason: last })
}
