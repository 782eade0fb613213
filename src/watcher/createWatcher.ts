import type { Hono } from 'hono'
import type { Logger } from 'pino'
import type { ChatCompletionRequest } from '../inference/index.ts'
import type { Hex } from '../protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../protocol/signature/privateKeyToAddress.ts'
import { createAuditRegistry } from './audit/createAuditRegistry.ts'
import type { ProbeOutcome } from './audit/createSupplierAudit.ts'
import type { AuditState } from './audit/types.ts'
import { corpusPrompts } from './corpus/corpus.ts'
import { NoReferenceError } from './errors.ts'
import type { ProbeExchange, ProbeTarget, ProbeTransport, ReferenceModel, TargetSource } from './ports.ts'
import { buildProbeRequest, type PastTurn } from './probe/buildProbeRequest.ts'
import { createProbeLoop } from './probe/createProbeLoop.ts'
import { createPromptDeck } from './probe/createPromptDeck.ts'
import { createTrafficShapes, type TrafficShapes } from './probe/createTrafficShapes.ts'
import { evaluateProbe } from './probe/evaluateProbe.ts'
import { sendProbe } from './probe/sendProbe.ts'
import { createReportApp } from './report/createReportApp.ts'
import { createReportBook, type ReportBook } from './report/createReportBook.ts'
import type { SignedWatcherReport, WatcherVerdict } from './report/types.ts'
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
}

/** One probe, end to end. */
export type ProbeResult = {
  request: ChatCompletionRequest
  exchange: ProbeExchange
  outcome: ProbeOutcome
  state: AuditState
  signed: SignedWatcherReport
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
 * Creates a watcher: covert probes (corpus prompts in the shapes of real traffic, at Poisson times),
 * each judged against the service's reference model (identity), the re-tokenised text (metering) and
 * the supplier's objectives (QoS); one sequential audit per supplier; a signed report after each probe.
 *
 * @param parameters - settings, ports, references, key, logger, clock and randomness.
 * @returns the watcher (not started).
 * @example
 * const watcher = createWatcher({ settings, transport, targets, references, privateKey, logger })
 * watcher.start()
 */
export function createWatcher(parameters: CreateWatcherParameters): Watcher {
  const { settings, logger } = parameters
  const nowMs = parameters.nowMs ?? Date.now
  const random = parameters.random ?? Math.random
  const address = privateKeyToAddress(parameters.privateKey)
  const referenceOf = (serviceId: string) => {
    const reference = parameters.references.get(serviceId)
    if (!reference) throw new NoReferenceError({ serviceId })
    return reference
  }
  const registry = createAuditRegistry({
    settings,
    watcher: address,
    privateKey: parameters.privateKey,
    modelSha256Of: (serviceId) => referenceOf(serviceId).sha256,
  })
  const book = createReportBook()
  const listeners = new Set<(verdict: WatcherVerdict) => void>()
  const deck = createPromptDeck([...corpusPrompts, ...settings.probes.extraPrompts], random)
  const shapes = parameters.shapes ?? defaultShapes(settings)
  const pastTurns: PastTurn[] = []
  const probeOnce = async (target: ProbeTarget): Promise<ProbeResult> => {
    const reference = referenceOf(target.serviceId)
    const shape = shapes.sample(random)
    const request = buildProbeRequest({ shape, serviceId: target.serviceId, deck, pastTurns, random })
    const exchange = await sendProbe({
      ...parameters,
      target,
      request,
      timeoutMs: settings.probes.timeoutMs,
      nowMs,
    })
    const outcome = await evaluateProbe({
      request,
      exchange,
      reference,
      judgement: judgementOf(settings, target),
    })
    const { state, signed, verdict } = registry.record(target, outcome, nowMs())
    book.put(signed)
    rememberTurn(pastTurns, request, exchange)
    logger.debug(
      { supplier: target.supplier, serviceId: target.serviceId, verdict: state.verdict },
      'probe judged',
    )
    if (verdict) announce(listeners, verdict, logger)
    return { request, exchange, outcome, state, signed }
  }
  const loop = createProbeLoop({
    listTargets: () => parameters.targets.listTargets(),
    probe: probeOnce,
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
    stop: () => loop.stop(),
  }
}

function defaultShapes(settings: WatcherSettings): TrafficShapes {
  return createTrafficShapes({
    profile: settings.probes.profile,
    capacity: 1024,
    minObserved: 50,
    defaultMaxTokens: 256,
  })
}

function judgementOf(settings: WatcherSettings, target: ProbeTarget) {
  return {
    identity: settings.identity.tolerances,
    metering: settings.metering.tolerances,
    objectives: settings.objectives[target.serviceId] ?? {},
  }
}

// Earlier answers make follow-up probes look like real conversations; a few dozen are plenty.
function rememberTurn(pastTurns: PastTurn[], request: ChatCompletionRequest, exchange: ProbeExchange): void {
  const last = request.messages.at(-1)
  if (!exchange.isOk || request.messages.length !== 1 || typeof last?.content !== 'string') return
  pastTurns.push({ prompt: last.content, answer: exchange.content.slice(0, 400) })
  if (pastTurns.length > 32) pastTurns.shift()
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
