import type { Hono } from 'hono'
import type { Logger } from 'pino'
import type { ChatCompletionRequest } from '../inference/index.ts'
import type { Hex } from '../protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../protocol/signature/privateKeyToAddress.ts'
import { createAuditRegistry } from './audit/createAuditRegistry.ts'
import { corpusPrompts } from './corpus/corpus.ts'
import { NoReferenceError } from './errors.ts'
import type { ProbeTarget, ProbeTransport, ReferenceModel, ReportCommitter, TargetSource } from './ports.ts'
import { createProbeLoop } from './probe/createProbeLoop.ts'
import { createProbeRunner, type ProbeResult } from './probe/createProbeRunner.ts'
import { createSupplierDecks } from './probe/createSupplierDecks.ts'
import { createTrafficShapes, type TrafficShapes } from './probe/createTrafficShapes.ts'
import { createObjectivesSource } from './qos/createObjectivesSource.ts'
import { createCommitQueue } from './report/createCommitQueue.ts'
import { createReportApp } from './report/createReportApp.ts'
import { createReportBook, type ReportBook } from './report/createReportBook.ts'
import type { WatcherVerdict } from './report/types.ts'
import type { WatcherSettings } from './settings.ts'

/** What `createWatcher` is built from. */
export type CreateWatcherParameters = {
  settings: WatcherSettings
  transport: ProbeTransport
  targets: TargetSource
  /** The reference model of each audited service, by service id. */
  references: ReadonlyMap<string, ReferenceModel>
  /** Signs reports (and, in the CLI, relays: the same identity as ordinary traffic). */
  privateKey: Hex
  logger: Logger
  nowMs?: () => number
  random?: () => number
  /** Where probe shapes come from (default: the configured profile until traffic is recorded). */
  shapes?: TrafficShapes
  /** Commits the hash of each report that changes a verdict (absent: reports stay off-chain). */
  commitments?: ReportCommitter
}

/** A running watcher. */
export type Watcher = {
  readonly address: Hex
  /** `GET /reports`, `GET /reports/:supplier` (see `createReportApp`). */
  readonly app: Hono
  readonly reports: ReportBook
  /** Sends one probe to `target` now and records it. */
  probeOnce(target: ProbeTarget): Promise<ProbeResult>
  /** Records a real request's shape so probes imitate it (a gateway calls this). */
  recordTraffic(request: ChatCompletionRequest): void
  /** Verdict changes, in the shape of the gateway's `VerdictSource`; returns the unsubscribe function. */
  subscribe(listener: (verdict: WatcherVerdict) => void): () => void
  /** Probes every target at random times until `stop()`. */
  start(): void
  stop(): Promise<void>
}

/**
 * Creates a watcher: covert probes (corpus prompts in the shapes of real traffic, at Poisson times,
 * each prompt used at most `probes.maxPromptUses` times, no more probes to a supplier once it failed),
 * each judged against the service's reference model (identity), the re-tokenised text (metering) and
 * the supplier's objectives (QoS); one sequential audit per supplier; a signed report after each probe,
 * whose hash is committed when it changes a verdict and a committer is given.
 *
 * @param parameters - settings, ports, references, key, logger, clock and randomness.
 * @returns the watcher (not started).
 * @example
 * const watcher = createWatcher({ settings, transport, targets, references, privateKey, logger })
 * watcher.start()
 */
export function createWatcher(parameters: CreateWatcherParameters): Watcher {
  const { settings, logger } = parameters
  const random = parameters.random ?? Math.random
  const address = privateKeyToAddress(parameters.privateKey)
  const referenceOf = (serviceId: string) => {
    const reference = parameters.references.get(serviceId)
    if (!reference) throw new NoReferenceError({ serviceId })
    return reference
  }
  const book = createReportBook()
  const listeners = new Set<(verdict: WatcherVerdict) => void>()
  const shapes = parameters.shapes ?? defaultShapes(settings)
  const commits =
    parameters.commitments && createCommitQueue(parameters.commitments, logger, book.noteCommitment)
  const probeOnce = createProbeRunner({
    settings,
    transport: parameters.transport,
    referenceOf,
    registry: createAuditRegistry({
      settings,
      watcher: address,
      privateKey: parameters.privateKey,
      modelSha256Of: (serviceId) => referenceOf(serviceId).sha256,
      objectivesOf: createObjectivesSource({
        configured: settings.objectives,
        onUnverified: (target, reason) =>
          logger.info(
            { supplier: target.supplier, serviceId: target.serviceId, reason },
            'no verified objectives advertised; auditing against the configured ones',
          ),
      }),
    }),
    book,
    shapes,
    deckFor: createSupplierDecks({
      prompts: [...corpusPrompts, ...settings.probes.extraPrompts],
      random,
      maxUses: settings.probes.maxPromptUses,
      logger,
    }),
    random,
    nowMs: parameters.nowMs ?? Date.now,
    logger,
    onVerdict: (verdict, signed) => {
      announce(listeners, verdict, logger)
      commits?.push(signed)
    },
  })
  const loop = createProbeLoop({
    listTargets: () => parameters.targets.listTargets(),
    probe: probeOnce,
    // A failed supplier stays failed: no report can clear it, and probes would be all it gets from us.
    isRetired: (target) =>
      book
        .forSupplier(target.supplier)
        .some(({ report }) => report.serviceId === target.serviceId && report.verdict === 'fail'),
    refreshMs: settings.targetRefreshMs,
    meanIntervalMs: settings.probes.meanIntervalMs,
    maxConcurrent: settings.probes.maxConcurrent,
    random,
    logger,
  })
  return {
    address,
    app: createReportApp({ book, watcher: address }),
    reports: book,
    probeOnce,
    recordTraffic: (request) => shapes.record(request),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start: () => loop.start(),
    async stop() {
      await loop.stop()
      await commits?.drain()
    },
  }
}

function defaultShapes(settings: WatcherSettings): TrafficShapes {
  return createTrafficShapes({
    profile: settings.probes.profile,
    capacity: 1024,
    minObserved: 50,
  })
}

function announce(
  listeners: Set<(verdict: WatcherVerdict) => void>,
  verdict: WatcherVerdict,
  logger: Logger,
) {
  const log = verdict.outcome === 'fail' ? logger.warn.bind(logger) : logger.info.bind(logger)
  log(
    { supplier: verdict.supplier, serviceId: verdict.serviceId, reason: verdict.reason },
    `supplier audit: ${verdict.outcome}`,
  )
  for (const listener of listeners) listener(verdict)
}
