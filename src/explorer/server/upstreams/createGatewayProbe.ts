import type { QosView, UpstreamStatus } from '../../api/types.ts'
import { ExplorerUpstreamFailedError } from '../../errors.ts'
import { parsePrometheusText } from './parsePrometheusText.ts'

/** What the explorer knows from a gateway's `/metrics`. */
export type GatewayProbe = {
  status(): UpstreamStatus
  /** Successful relays per second between the last two scrapes; null until two scrapes in a row succeed. */
  relaysPerSecond(): number | null
  /** QoS scores by supplier operator (lower-case); flagged `isStale` while the gateway cannot be scraped. */
  scores(): ReadonlyMap<string, QosView>
  /** Scrapes now. Never throws: a failure is recorded in `status()`. */
  refresh(): Promise<void>
  stop(): void
}

export type CreateGatewayProbeParameters = {
  /** The gateway's base URL; undefined when no gateway is configured. */
  url: string | undefined
  fetch?: typeof fetch | undefined
  /** Scrape period. Default 5 s. */
  intervalMs?: number | undefined
  timeoutMs?: number | undefined
  now?: (() => number) | undefined
}

type Scrape = { atMs: number; successes: number }

/**
 * Follows a gateway's Prometheus metrics: its supplier scores (`decai_gateway_supplier_score`) are the
 * QoS column of the suppliers page, and the rate of successful relay attempts
 * (`decai_gateway_relay_attempts_total{outcome="success"}`) is the overview's relays per second.
 *
 * @param parameters - URL, fetch, period
 * @returns the probe (scraping in the background until `stop()`)
 * @example
 * const probe = createGatewayProbe({ url: 'http://127.0.0.1:8080' })
 * probe.scores().get(operator)?.score
 */
export function createGatewayProbe(parameters: CreateGatewayProbeParameters): GatewayProbe {
  const { url } = parameters
  const doFetch = parameters.fetch ?? fetch
  const now = parameters.now ?? Date.now
  let status: UpstreamStatus = url
    ? { state: 'unreachable', url, error: 'not scraped yet', fetchedAtMs: null }
    : { state: 'not-configured' }
  let scores = new Map<string, QosView>()
  let scrapes: Scrape[] = []
  const refresh = async () => {
    if (!url) return
    try {
      const text = await fetchMetrics(doFetch, url, parameters.timeoutMs ?? 3_000)
      const samples = parsePrometheusText(text)
      scores = new Map(
        samples
          .filter((s) => s.name === 'decai_gateway_supplier_score' && s.labels.supplier)
          .map((s) => [
            s.labels.supplier!.toLowerCase(),
            { score: s.value, isQuarantined: s.labels.quarantined === 'true', isStale: false },
          ]),
      )
      const successes = samples
        .filter((s) => s.name === 'decai_gateway_relay_attempts_total' && s.labels.outcome === 'success')
        .reduce((sum, s) => sum + s.value, 0)
      scrapes = [...scrapes.slice(-1), { atMs: now(), successes }]
      status = { state: 'ok', url, fetchedAtMs: now() }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      // No rate across a failed scrape (it would be an old one shown as current); old scores stay, flagged.
      scrapes = []
      scores = new Map([...scores].map(([supplier, qos]) => [supplier, { ...qos, isStale: true }]))
      status = {
        state: 'unreachable',
        url,
        error: reason,
        fetchedAtMs: status.state === 'not-configured' ? null : (status.fetchedAtMs ?? null),
      }
    }
  }
  const timer = url ? setInterval(() => void refresh(), parameters.intervalMs ?? 5_000) : undefined
  timer?.unref()
  return {
    status: () => status,
    relaysPerSecond: () => rate(scrapes),
    scores: () => scores,
    refresh,
    stop: () => clearInterval(timer),
  }
}

function rate(scrapes: Scrape[]): number | null {
  const [previous, last] = scrapes
  if (!previous || !last || last.atMs <= previous.atMs) return null
  // A counter that went down means the gateway restarted: count from zero.
  const delta = last.successes >= previous.successes ? last.successes - previous.successes : last.successes
  return delta / ((last.atMs - previous.atMs) / 1000)
}

async function fetchMetrics(doFetch: typeof fetch, url: string, timeoutMs: number): Promise<string> {
  const response = await doFetch(new URL('metrics', withSlash(url)), {
    signal: AbortSignal.timeout(timeoutMs),
  })
  if (!response.ok)
    throw new ExplorerUpstreamFailedError({
      upstream: 'gateway',
      reason: `GET /metrics answered ${response.status}`,
    })
  return response.text()
}

/**
 * Makes a base URL end with `/`, so that relative paths resolve under it.
 *
 * @example
 * withSlash('http://h:1/gw') // 'http://h:1/gw/'
 */
export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
