import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { SignedWatcherReport, WatcherVerdict } from './types.ts'
import { verifyWatcherReport } from './verifyWatcherReport.ts'

/** Inputs of `createReportFeed`. */
export type CreateReportFeedParameters = {
  /** The watcher's base URL (its `GET /reports` is polled). */
  url: string
  /** The watcher whose signature is trusted; reports signed by anyone else are dropped. */
  watcher: Hex
  /** Poll period. Default 10 s. */
  intervalMs?: number
  timeoutMs?: number
  fetch?: typeof fetch
  /** Called when a poll fails (the feed keeps polling). */
  onError?: (error: unknown) => void
}

/** A verdict feed over HTTP, in the shape of the gateway's `VerdictSource`. */
export type ReportFeed = {
  subscribe(listener: (verdict: WatcherVerdict) => void): () => void
  /** Polls now (also called by the timer). */
  refresh(): Promise<void>
  stop(): void
}

/**
 * Follows a remote watcher's published reports: polls `GET /reports`, keeps only reports whose hash and
 * signature verify against the trusted watcher, and announces each (supplier, service) verdict when it
 * becomes `pass` or `fail` or changes. The gateway holds a `fail` until a later `pass`, so one
 * announcement is enough; the feed keeps the standing verdicts and replays them to each new subscriber,
 * so a gateway that subscribes after the announcement still excludes the cheat. A report older than
 * the latest one seen for its pair (a stale copy) is ignored; `pending` changes nothing. A gateway
 * passes the feed as `verdicts` to score suppliers on it.
 *
 * @param parameters - URL, trusted watcher address, period, fetch.
 * @returns the feed (polling until `stop()`).
 * @example
 * const verdicts = createReportFeed({ url: 'http://127.0.0.1:8090', watcher: '0x…' })
 * createGateway({ …, verdicts })
 */
export function createReportFeed(parameters: CreateReportFeedParameters): ReportFeed {
  const doFetch = parameters.fetch ?? fetch
  const listeners = new Set<(verdict: WatcherVerdict) => void>()
  const standing = new Map<string, { issuedAt: number; verdict: WatcherVerdict | undefined }>()
  const refresh = async () => {
    try {
      const response = await doFetch(new URL('reports', withSlash(parameters.url)), {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(parameters.timeoutMs ?? 5_000),
      })
      if (!response.ok) throw new Error(`GET /reports answered ${response.status}`)
      const body = (await response.json()) as { reports?: SignedWatcherReport[] }
      for (const signed of body.reports ?? []) announce(signed)
    } catch (error) {
      parameters.onError?.(error)
    }
  }
  const announce = (signed: SignedWatcherReport) => {
    let report: SignedWatcherReport['report']
    try {
      report = verifyWatcherReport(signed, parameters.watcher)
    } catch {
      return
    }
    const key = `${report.supplier}\u0000${report.serviceId}`
    const last = standing.get(key)
    if (last && last.issuedAt > report.issuedAt) return
    const lastOutcome = last?.verdict?.outcome
    if (report.verdict === 'pending' || report.verdict === lastOutcome) {
      standing.set(key, { issuedAt: report.issuedAt, verdict: last?.verdict })
      return
    }
    const verdict: WatcherVerdict = {
      supplier: report.supplier,
      serviceId: report.serviceId,
      outcome: report.verdict,
      reason: report.summary,
    }
    standing.set(key, { issuedAt: report.issuedAt, verdict })
    for (const listener of listeners) listener(verdict)
  }
  const timer = setInterval(() => void refresh(), parameters.intervalMs ?? 10_000)
  timer.unref()
  return {
    subscribe(listener) {
      listeners.add(listener)
      for (const { verdict } of standing.values()) if (verdict) listener(verdict)
      return () => listeners.delete(listener)
    },
    refresh,
    stop: () => clearInterval(timer),
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
