import type { Logger } from 'pino'
import type { ChatCompletionRequest } from '../../inference/index.ts'
import type { createAuditRegistry } from '../audit/createAuditRegistry.ts'
import type { ProbeOutcome } from '../audit/createSupplierAudit.ts'
import type { AuditState } from '../audit/types.ts'
import type { ProbeExchange, ProbeTarget, ProbeTransport, ReferenceModel } from '../ports.ts'
import type { ServiceObjectives } from '../qos/checkQos.ts'
import type { ReportBook } from '../report/createReportBook.ts'
import type { SignedWatcherReport, WatcherVerdict } from '../report/types.ts'
import type { WatcherSettings } from '../settings.ts'
import { buildProbeRequest, type PastTurn } from './buildProbeRequest.ts'
import type { PromptDeck } from './createPromptDeck.ts'
import type { TrafficShapes } from './createTrafficShapes.ts'
import { evaluateProbe, type ProbeJudgement } from './evaluateProbe.ts'
import { sendProbe } from './sendProbe.ts'

/** One probe, end to end. */
export type ProbeResult = {
  request: ChatCompletionRequest
  exchange: ProbeExchange
  outcome: ProbeOutcome
  state: AuditState
  signed: SignedWatcherReport
}

/** What a probe is made, sent, judged and recorded with. */
export type ProbeRunnerParts = {
  settings: WatcherSettings
  transport: ProbeTransport
  referenceOf: (serviceId: string) => ReferenceModel
  registry: ReturnType<typeof createAuditRegistry>
  book: ReportBook
  shapes: TrafficShapes
  /** The prompt deck of one supplier: retirement counts what that supplier has seen. */
  deckFor: (supplier: string) => PromptDeck
  random: () => number
  nowMs: () => number
  logger: Logger
  /** A verdict changed; `signed` is the report that states it. */
  onVerdict: (verdict: WatcherVerdict, signed: SignedWatcherReport) => void
}

/**
 * The probe cycle: draw a shape and a prompt, send the probe, judge the answer against the reference,
 * record it in the supplier's audit, publish the signed report, and announce a verdict change.
 *
 * @param parts - settings, ports, audit registry, report book, probe sources, clock, logger, verdict sink.
 * @returns `probeOnce(target)`.
 * @example
 * const probeOnce = createProbeRunner(parts)
 * const { state } = await probeOnce({ supplier, serviceId })
 */
export function createProbeRunner(parts: ProbeRunnerParts): (target: ProbeTarget) => Promise<ProbeResult> {
  const { settings, random, nowMs } = parts
  const pastTurns: PastTurn[] = []
  return async (target) => {
    const reference = parts.referenceOf(target.serviceId)
    const shape = parts.shapes.sample(random)
    const request = buildProbeRequest({
      shape,
      serviceId: target.serviceId,
      deck: parts.deckFor(target.supplier),
      pastTurns,
      random,
    })
    // Resolved once per audit (the supplier's signed advertisement, else the configured objectives).
    const objectives = await parts.registry.objectivesFor(target)
    const timeoutMs = settings.probes.timeoutMs
    const exchange = await sendProbe({ transport: parts.transport, target, request, timeoutMs, nowMs })
    const judgement = judgementOf(settings, objectives)
    const outcome = await evaluateProbe({ request, exchange, reference, judgement })
    const { state, signed, verdict } = parts.registry.record(target, outcome, nowMs())
    parts.book.put(signed)
    rememberTurn(pastTurns, request, exchange)
    parts.logger.debug(
      { supplier: target.supplier, serviceId: target.serviceId, verdict: state.verdict },
      'probe judged',
    )
    if (verdict) parts.onVerdict(verdict, signed)
    return { request, exchange, outcome, state, signed }
  }
}

function judgementOf(settings: WatcherSettings, objectives: ServiceObjectives): ProbeJudgement {
  return { identity: settings.identity.tolerances, metering: settings.metering.tolerances, objectives }
}

// Earlier answers make follow-up probes look like real conversations; a few dozen are plenty.
function rememberTurn(pastTurns: PastTurn[], request: ChatCompletionRequest, exchange: ProbeExchange): void {
  const last = request.messages.at(-1)
  if (!exchange.isOk || request.messages.length !== 1 || typeof last?.content !== 'string') return
  pastTurns.push({ prompt: last.content, answer: exchange.content.slice(0, 400) })
  if (pastTurns.length > 32) pastTurns.shift()
}
