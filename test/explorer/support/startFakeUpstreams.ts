/**
 * Stand-ins for the explorer's two upstream HTTP APIs: a gateway's `/metrics`, produced by the gateway's own
 * metrics module and score book (so metric names cannot drift apart), and a watcher's report list in the
 * format docs/explorer.md describes (the watcher itself is not built yet).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGatewayMetrics } from '../../../src/gateway/metrics/createGatewayMetrics.ts'
import { createSupplierScores } from '../../../src/gateway/routing/createSupplierScores.ts'
import type { Hex } from '../../../src/protocol/bytes/bytes.ts'

export type FakeUpstreams = {
  gatewayUrl: string
  watcherUrl: string
  /** Counts successful relay attempts, as the gateway does when a supplier answers. */
  recordRelays(count: number): void
  stop(): Promise<void>
}

/**
 * Starts both upstreams on random local ports.
 *
 * @param p - a supplier in good standing and one that failed a watcher check
 * @example
 * const upstreams = await startFakeUpstreams({ good, bad })
 */
export async function startFakeUpstreams(p: { good: Hex; bad: Hex }): Promise<FakeUpstreams> {
  const scores = createSupplierScores()
  scores.recordSuccess(p.good, { ttftMs: 180, tpotMs: 20 })
  scores.recordSuccess(p.bad, { ttftMs: 2_500, tpotMs: 90 })
  scores.recordVerdict(p.bad, 'fail')
  const metrics = createGatewayMetrics(scores)
  const reports = {
    reports: [
      {
        report: {
          supplier: p.good,
          serviceId: 'llama-tiny',
          verdict: 'pass',
          check: 'model-identity',
          decidedAt: '2025-01-02T10:00:00Z',
          summary: '40 probes, 0 disagreements',
        },
        signature: `0x${'11'.repeat(65)}`,
      },
      {
        supplier: p.bad,
        serviceId: 'llama-tiny',
        verdict: 'fail',
        check: 'model-identity',
        decidedAt: 1_735_812_000,
        summary: 'greedy tokens disagree with the registered model (e-value 312)',
      },
      { supplier: 'not an address', verdict: 'pass' },
    ],
  }
  const gateway = await listen(
    createServer(async (req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end()
      res
        .writeHead(200, { 'content-type': metrics.registry.contentType })
        .end(await metrics.registry.metrics())
    }),
  )
  const watcher = await listen(
    createServer((req, res) => {
      if (req.url !== '/v1/reports') return void res.writeHead(404).end()
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reports))
    }),
  )
  return {
    gatewayUrl: urlOf(gateway),
    watcherUrl: urlOf(watcher),
    recordRelays: (count) => metrics.attempts.inc({ kind: 'first', outcome: 'success' }, count),
    stop: async () => {
      await Promise.all([close(gateway), close(watcher)])
    },
  }
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function close(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}
