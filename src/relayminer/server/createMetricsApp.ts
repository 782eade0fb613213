import { Hono } from 'hono'
import type { RelayMinerMetrics } from '../metrics/createRelayMinerMetrics.ts'
import { serveMetrics } from './createRelayMinerApp.ts'

/**
 * The separate metrics listener's app: `GET /metrics` only, so Prometheus can scrape a private address
 * while the relay port stays public.
 *
 * @param metrics - the relayminer's metrics
 * @returns the app
 * @example
 * await startHttpServer({ app: createMetricsApp(relayMiner.metrics), host: '127.0.0.1', port: 9464 })
 */
export function createMetricsApp(metrics: RelayMinerMetrics): Hono {
  const app = new Hono()
  app.get('/metrics', (c) => serveMetrics(c, metrics))
  return app
}
