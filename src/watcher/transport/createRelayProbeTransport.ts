import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { SessionHeader } from '../../protocol/relay/types.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import type { ProbeExchange, ProbeTarget, ProbeTransport } from '../ports.ts'
import { buildProbeRelay } from './buildProbeRelay.ts'
import { failedAnswer, failedExchange } from './probeFailure.ts'
import { readJsonAnswer, readStreamAnswer } from './readRelayAnswer.ts'

/** Where and under which session to relay a probe to a supplier now. */
export type RelayRoute = { domain: RelayDomain; header: SessionHeader; endpoint: string }

/** Resolves the current session of the watcher's identity for a target (the CLI reads it from the chain). */
export interface RelayRouteSource {
  resolve(target: ProbeTarget): Promise<RelayRoute>
}

/** Inputs of `createRelayProbeTransport`. */
export type CreateRelayProbeTransportParameters = {
  routes: RelayRouteSource
  /** Signs relays: the application's key, or the gateway's it delegated to (the identity probes hide in). */
  signerKey: Hex
  /** Input-token cap of a relay, as the gateway's `routing.maxInputTokens`. */
  maxInputTokens: number
  /** `max_tokens` assumed when a probe names none. */
  defaultMaxOutputTokens: number
  fetch?: typeof fetch
  nowMs?: () => number
}

/**
 * The CLI's probe transport: each probe travels as a signed relay to the supplier's relayminer
 * (`POST /v1/relay`, docs/relayminer.md), built like the gateway's relays, and the answer's signed
 * response is verified (request hash, payload hash, signer) before it counts.
 *
 * @param parameters - route source, signer key, bounds, fetch and clock.
 * @returns the transport.
 * @example
 * const transport = createRelayProbeTransport({ routes, signerKey, maxInputTokens: 8192, defaultMaxOutputTokens: 256 })
 */
export function createRelayProbeTransport(parameters: CreateRelayProbeTransportParameters): ProbeTransport {
  const doFetch = parameters.fetch ?? fetch
  const nowMs = parameters.nowMs ?? (() => performance.now())
  return {
    async send(target, body, { signal }): Promise<ProbeExchange> {
      const sentAtMs = nowMs()
      let route: RelayRoute
      try {
        route = await parameters.routes.resolve(target)
      } catch {
        // No session or no chain: the watcher's own problem, not evidence about the supplier.
        return failedExchange(undefined, { sentAtMs, doneAtMs: nowMs(), signal, knownFault: 'internal' })
      }
      try {
        const relay = buildProbeRelay({
          ...parameters,
          domain: route.domain,
          header: route.header,
          supplier: target.supplier,
          body,
        })
        const response = await doFetch(relayUrlOf(route.endpoint), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(relay.envelope),
          signal,
        })
        if (response.status !== 200) {
          const body = await response.json().catch(() => undefined)
          return failedAnswer({ status: response.status, body }, { sentAtMs, doneAtMs: nowMs() })
        }
        const context = { domain: route.domain, relay, sentAtMs, nowMs }
        const isStream = (response.headers.get('content-type') ?? '').startsWith('text/event-stream')
        if (isStream && response.body) return await readStreamAnswer(response.body, context)
        return readJsonAnswer(await response.json(), context)
      } catch (error) {
        return failedExchange(error, { sentAtMs, doneAtMs: nowMs(), signal })
      }
    },
  }
}

/**
 * The relay URL of a registered endpoint (the same rule the gateway applies).
 *
 * @param endpoint - the endpoint registered on-chain.
 * @returns the URL to POST relays to.
 * @example
 * relayUrlOf('http://127.0.0.1:8081') // 'http://127.0.0.1:8081/v1/relay'
 */
export function relayUrlOf(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '')
  if (base.endsWith('/relay')) return base
  return base.endsWith('/v1') ? `${base}/relay` : `${base}/v1/relay`
}
