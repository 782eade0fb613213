/**
 * The explorer's two upstream HTTP APIs, built from the real modules without running their services: a
 * gateway's `/metrics` from the gateway's metrics and score book, and a watcher's report API from the
 * watcher's report book, signer and HTTP app (one report tampered with after signing).
 */

import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createGatewayMetrics } from '../../../src/gateway/metrics/createGatewayMetrics.ts'
import { createSupplierScores } from '../../../src/gateway/routing/createSupplierScores.ts'
import type { Hex } from '../../../src/protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../../src/protocol/signature/privateKeyToAddress.ts'
import { createReportApp } from '../../../src/watcher/report/createReportApp.ts'
import { createReportBook } from '../../../src/watcher/report/createReportBook.ts'
import { signWatcherReport } from '../../../src/watcher/report/signWatcherReport.ts'
import type { SignedWatcherReport, WatcherReport } from '../../../src/watcher/report/types.ts'

export type FakeUpstreams = {
  gatewayUrl: string
  watcherUrl: string
  /** The reports the watcher publishes: about the good and the bad supplier, and the one edited after signing. */
  reports: { good: SignedWatcherReport; bad: SignedWatcherReport; tampered: SignedWatcherReport }
  /** Counts successful relay attempts, as the gateway does when a supplier answers. */
  recordRelays(count: number): void
  stop(): Promise<void>
}

/**
 * Starts both upstreams on random local ports.
 *
 * @param p - a supplier in good standing, one that failed a watcher check, and the watcher's signing key
 * @example
 * const upstreams = await startFakeUpstreams({ good, bad })
 */
export async function startFakeUpstreams(p: {
  good: Hex
  bad: Hex
  watcherKey: Hex
}): Promise<FakeUpstreams> {
  const scores = createSupplierScores()
  scores.recordSuccess(p.good, { ttftMs: 180, tpotMs: 20 })
  scores.recordSuccess(p.bad, { ttftMs: 2_500, tpotMs: 90 })
  scores.recordVerdict(p.bad, 'llama-tiny', 'fail')
  const metrics = createGatewayMetrics(scores)
  const gateway = await listen(
    createServer(async (req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end()
      res
        .writeHead(200, { 'content-type': metrics.registry.contentType })
        .end(await metrics.registry.metrics())
    }),
  )
  const book = createReportBook()
  const watcherAddress = privateKeyToAddress(p.watcherKey).toLowerCase() as Hex
  const report = (supplier: Hex, serviceId: string, verdict: 'pass' | 'fail', issuedAt: number) =>
    signWatcherReport(
      watcherReport({ watcher: watcherAddress, supplier, serviceId, verdict, issuedAt }),
      p.watcherKey,
    )
  const good = report(p.good, 'llama-tiny', 'pass', 1_735_812_000_000)
  const bad = report(p.bad, 'llama-tiny', 'fail', 1_735_812_060_000)
  const signed = report(p.good, 'mistral-mini', 'pass', 1_735_812_120_000)
  const tampered = { ...signed, report: { ...signed.report, summary: 'edited after signing' } }
  for (const entry of [good, bad, tampered]) book.put(entry)
  const watcher = serve({
    fetch: createReportApp({ book, watcher: watcherAddress }).fetch,
    hostname: '127.0.0.1',
    port: 0,
  }) as Server
  await new Promise((resolve) => watcher.once('listening', resolve))
  return {
    gatewayUrl: urlOf(gateway),
    watcherUrl: urlOf(watcher),
    reports: { good, bad, tampered },
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

function watcherReport(p: {
  watcher: Hex
  supplier: Hex
  serviceId: string
  verdict: 'pass' | 'fail'
  issuedAt: number
}): WatcherReport {
  const isFail = p.verdict === 'fail'
  return {
    version: 1,
    watcher: p.watcher,
    supplier: p.supplier,
    serviceId: p.serviceId,
    modelSha256: 'ab'.repeat(32),
    verdict: p.verdict,
    ...(isFail ? { check: 'identity' as const, reason: 'e-value 10^2.6 above the threshold 10^2.0' } : {}),
    summary: isFail ? 'greedy tokens disagree with the registered model' : '40 probes, no test rejected',
    alpha: 0.01,
    probes: 40,
    checks: [],
    tally: {
      probes: 40,
      identityProbes: 40,
      failedProbes: 0,
      greedyPositions: 0,
      violations: 0,
      maxMarginNats: 0,
      logprobPositions: 0,
      logprobDeviations: 0,
      maxLogprobDeviationNats: 0,
      meteringProofs: 0,
      excessiveCompletions: 0,
      promptTokensReported: 0,
      promptTokensRecounted: 0,
      completionTokensReported: 0,
      completionTokensRecounted: 0,
      ttftP50Ms: undefined,
      tpotP50Ms: undefined,
    },
    startedAt: p.issuedAt - 60_000,
    decidedAt: p.issuedAt,
    issuedAt: p.issuedAt,
  }
}
