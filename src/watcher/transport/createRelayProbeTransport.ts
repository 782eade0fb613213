import type { ChatCompletionRequest } from '../../inference/index.ts'
import type { SessionHeader } from '../../protocol/relay/types.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import type { ProbeTarget, ProbeTransport } from '../ports.ts'
import {
  createRoutedProbeTransport,
  type PreparedProbeRelay,
  type ProbeRouter,
} from './createRoutedProbeTransport.ts'

/** Where and under which session to relay a probe to a supplier now. */
export type RelayRoute = { domain: RelayDomain; header: SessionHeader; endpoint: string }

/** Resolves the current session of the watcher's identity for a target (the CLI reads it from the chain). */
export interface RelayRouteSource {
  resolve(target: ProbeTarget): Promise<RelayRoute>
}

/**
 * Wraps a probe for one supplier on a route exactly as the identity's gateway wraps a client's
 * request (its client path, signer, bounds) and returns it with a `send` over the gateway's supplier
 * transport. Declared here, implemented by the CLI with the gateway's own code, so that the bytes on
 * the wire have the form of the gateway's relays.
 */
export interface ProbeRelayWrapper {
  /** Throws for a probe the gateway would refuse (the watcher's problem, not evidence). */
  wrap(route: RelayRoute, target: ProbeTarget, request: ChatCompletionRequest): PreparedProbeRelay
}

/** Inputs of `createRelayProbeTransport`. */
export type CreateRelayProbeTransportParameters = {
  routes: RelayRouteSource
  wrapper: ProbeRelayWrapper
  nowMs?: () => number
}

/**
 * The standalone watcher's probe transport: each probe is routed to the current session of the
 * watcher's identity, wrapped and sent by `wrapper` as the identity's gateway would relay it, and the
 * answer's signed response is verified (request hash, payload hash, signer) before it counts.
 *
 * @param parameters - route source, relay wrapper and clock.
 * @returns the transport.
 * @example
 * const transport = createRelayProbeTransport({ routes, wrapper })
 */
export function createRelayProbeTransport(parameters: CreateRelayProbeTransportParameters): ProbeTransport {
  const router: ProbeRouter = {
    async prepare(target, request) {
      const route = await parameters.routes.resolve(target)
      return parameters.wrapper.wrap(route, target, request)
    },
  }
  return createRoutedProbeTransport({ router, ...(parameters.nowMs ? { nowMs: parameters.nowMs } : {}) })
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
