import type { GatewayMetrics } from '../metrics/createGatewayMetrics.ts'

/** Counts one answered request and its duration. */
export type RequestObserver = (
  path: string,
  model: string,
  status: number,
  isStream: boolean,
  startedAtMs: number,
) => void

/**
 * The per-request metrics of the HTTP edge (requests by endpoint, model and status; duration by
 * endpoint and streaming), with counters and histograms bound to their labels once per label set:
 * prom-client otherwise hashes the label object on every request.
 *
 * @param metrics - the gateway's metrics
 * @returns the observer; `startedAtMs` is a `performance.now()` reading
 * @example
 * observe('/v1/chat/completions', 'llama-tiny', 200, false, startedAtMs)
 */
export function createRequestObserver(metrics: GatewayMetrics): RequestObserver {
  const counters = new Map<string, { inc(): void }>()
  const histograms = new Map<string, { observe(seconds: number): void }>()
  return (path, model, status, isStream, startedAtMs) => {
    const endpoint = routeLabel(path)
    const counterKey = `${endpoint} ${model} ${status}`
    let counter = counters.get(counterKey)
    if (!counter) {
      counter = metrics.requests.labels({ endpoint, model, status: String(status) })
      counters.set(counterKey, counter)
    }
    counter.inc()
    const histogramKey = `${endpoint} ${isStream}`
    let histogram = histograms.get(histogramKey)
    if (!histogram) {
      histogram = metrics.duration.labels({ endpoint, stream: String(isStream) })
      histograms.set(histogramKey, histogram)
    }
    histogram.observe((performance.now() - startedAtMs) / 1000)
  }
}

const knownRoutes = new Set([
  '/v1/chat/completions',
  '/v1/completions',
  '/v1/embeddings',
  '/v1/models',
  '/healthz',
  '/metrics',
])

function routeLabel(path: string): string {
  if (knownRoutes.has(path)) return path
  return path.startsWith('/v1/models/') ? '/v1/models/:model' : 'other'
}
