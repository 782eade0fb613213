import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { SupplierScores } from '../routing/createSupplierScores.ts'

/** The gateway's Prometheus metrics (docs/gateway.md, "Metrics"). */
export type GatewayMetrics = {
  registry: Registry
  /** Client requests by endpoint, model and HTTP status. */
  requests: Counter<'endpoint' | 'model' | 'status'>
  /** Failures by class: supplier-side classes from routing and client-side error codes at the edge. */
  errors: Counter<'class'>
  /** Relay attempts by kind (first, retry, hedge, continuation) and outcome (success, failure, aborted). */
  attempts: Counter<'kind' | 'outcome'>
  /** Streams broken mid-way and whether they were resumed. */
  continuations: Counter<'outcome'>
  ttft: Histogram<'model'>
  tpot: Histogram<'model'>
  duration: Histogram<'endpoint' | 'stream'>
  tokens: Counter<'direction'>
}

/**
 * Creates the metrics on a fresh registry. Supplier scores are a gauge read at scrape time from the
 * score book, so they cost nothing between scrapes.
 *
 * @param scores - the score book whose standings are exported
 * @returns the metrics
 * @example
 * const metrics = createGatewayMetrics(scores)
 * app.get('/metrics', async (c) => c.body(await metrics.registry.metrics()))
 */
export function createGatewayMetrics(scores: SupplierScores): GatewayMetrics {
  const registry = new Registry()
  const registers = [registry]
  const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60]
  new Gauge({
    name: 'decai_gateway_supplier_score',
    help: 'Supplier score (0-100) by operator address',
    labelNames: ['supplier', 'quarantined'],
    registers,
    collect() {
      this.reset()
      for (const [supplier, standing] of scores.entries())
        this.set({ supplier, quarantined: String(standing.isQuarantined) }, standing.score)
    },
  })
  return {
    registry,
    requests: new Counter({
      name: 'decai_gateway_requests_total',
      help: 'Client requests by endpoint, model and status',
      labelNames: ['endpoint', 'model', 'status'],
      registers,
    }),
    errors: new Counter({
      name: 'decai_gateway_errors_total',
      help: 'Failures by class',
      labelNames: ['class'],
      registers,
    }),
    attempts: new Counter({
      name: 'decai_gateway_relay_attempts_total',
      help: 'Relay attempts by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    continuations: new Counter({
      name: 'decai_gateway_stream_continuations_total',
      help: 'Streams broken mid-way: resumed on another supplier, or failed',
      labelNames: ['outcome'],
      registers,
    }),
    ttft: new Histogram({
      name: 'decai_gateway_ttft_seconds',
      help: 'Time to first token (client view)',
      labelNames: ['model'],
      buckets: latencyBuckets,
      registers,
    }),
    tpot: new Histogram({
      name: 'decai_gateway_tpot_seconds',
      help: 'Time per output token after the first',
      labelNames: ['model'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    duration: new Histogram({
      name: 'decai_gateway_request_duration_seconds',
      help: 'Whole request duration',
      labelNames: ['endpoint', 'stream'],
      buckets: latencyBuckets,
      registers,
    }),
    tokens: new Counter({
      name: 'decai_gateway_tokens_total',
      help: 'Tokens relayed',
      labelNames: ['direction'],
      registers,
    }),
  }
}
