import type { ChatCompletionRequest } from '../../inference/index.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import type { ProbeExchange, ProbeTarget, ProbeTransport } from '../ports.ts'
import { failedAnswer, failedExchange } from './probeFailure.ts'
import type { ProbeRelay } from './probeRelay.ts'
import { readJsonAnswer, readStreamEvents, type StreamEvent } from './readRelayAnswer.ts'

/** A supplier's reply as a router's transport hands it back: a whole JSON body, or SSE events. */
export type RoutedReply =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'stream'; status: number; events: AsyncIterable<StreamEvent> }

/** A probe wrapped and signed by the router, ready to send to the one supplier it names. */
export type PreparedProbeRelay = {
  domain: RelayDomain
  relay: ProbeRelay
  send(signal: AbortSignal): Promise<RoutedReply>
}

/**
 * A gateway's own relay path, pinned to one supplier: the gateway's session, application, signer,
 * request parsing and transport. Declared here, implemented by the CLI over the gateway's router.
 */
export interface ProbeRouter {
  /** Throws when no session the gateway can pay for holds the supplier (the watcher's problem, not evidence). */
  prepare(target: ProbeTarget, request: ChatCompletionRequest): Promise<PreparedProbeRelay>
}

/**
 * The probe transport of a watcher running inside a gateway: each probe is parsed, signed and sent
 * exactly as the gateway sends its clients' requests, so probes travel in its own traffic, and the
 * answer's signed response is verified as `createRelayProbeTransport` does.
 *
 * @param parameters - the gateway's router and the watcher's clock.
 * @returns the transport.
 * @example
 * const transport = createRoutedProbeTransport({ router })
 */
export function createRoutedProbeTransport(parameters: {
  router: ProbeRouter
  nowMs?: () => number
}): ProbeTransport {
  const nowMs = parameters.nowMs ?? (() => performance.now())
  return {
    async send(target, request, { signal }): Promise<ProbeExchange> {
      let prepared: PreparedProbeRelay
      try {
        prepared = await parameters.router.prepare(target, request)
      } catch {
        const failedAtMs = nowMs()
        return failedExchange(undefined, {
          sentAtMs: failedAtMs,
          doneAtMs: failedAtMs,
          signal,
          knownFault: 'internal',
        })
      }
      // Timed from here, not before `prepare`: session lookups (RPC) and signing are the watcher's own
      // time, and counting them would blame the supplier for it in TTFT and the error timings.
      const sentAtMs = nowMs()
      try {
        const reply = await prepared.send(signal)
        if (reply.status !== 200)
          return failedAnswer(
            { status: reply.status, body: reply.kind === 'json' ? reply.body : undefined },
            { sentAtMs, doneAtMs: nowMs() },
          )
        const context = { domain: prepared.domain, relay: prepared.relay, sentAtMs, nowMs }
        if (reply.kind === 'stream') return await readStreamEvents(reply.events, context)
        return readJsonAnswer(reply.body, context)
      } catch (error) {
        return failedExchange(error, { sentAtMs, doneAtMs: nowMs(), signal })
      }
    },
  }
}
