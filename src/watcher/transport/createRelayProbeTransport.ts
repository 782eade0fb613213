import type { SupplierTransport } from '../../gateway/ports.ts'
import { createHttpSupplierTransport } from '../../gateway/transport/createHttpSupplierTransport.ts'
import {
  buildPinnedRelay,
  type PinnedRelayRouting,
  parseChatBody,
} from '../../gateway/watcher/buildPinnedRelay.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { SessionHeader } from '../../protocol/relay/types.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import type { ProbeTarget, ProbeTransport } from '../ports.ts'
import { createRoutedProbeTransport, type ProbeRouter } from './createRoutedProbeTransport.ts'
import { toPreparedProbeRelay } from './toPreparedProbeRelay.ts'

export { relayUrlOf } from '../../gateway/transport/relayUrlOf.ts'

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
  /** The routing settings of the gateway whose traffic probes imitate: signed bounds, acknowledgements. */
  routing: PinnedRelayRouting
  /** Default: the gateway's HTTP transport (`createHttpSupplierTransport`). */
  transport?: SupplierTransport
  nowMs?: () => number
}

/**
 * The standalone watcher's probe transport: each probe passes through the gateway's client path
 * (`parseClientRequest`: the same body key order, bounds and stream options), is signed like a
 * gateway's relay and sent by the gateway's supplier transport (the same headers, acknowledgement ask
 * and connection handling), so its bytes on the wire have the form of the identity's ordinary relays.
 * The answer's signed response is verified (request hash, payload hash, signer) before it counts.
 *
 * @param parameters - route source, signer key, routing settings, transport and clock.
 * @returns the transport.
 * @example
 * const transport = createRelayProbeTransport({ routes, signerKey, routing })
 */
export function createRelayProbeTransport(parameters: CreateRelayProbeTransportParameters): ProbeTransport {
  const { routing, signerKey } = parameters
  const transport = parameters.transport ?? createHttpSupplierTransport()
  const router: ProbeRouter = {
    async prepare(target, body) {
      const route = await parameters.routes.resolve(target)
      const request = parseChatBody(
        body as unknown as Record<string, unknown>,
        { [target.serviceId]: target.serviceId },
        routing,
      )
      const pinned = buildPinnedRelay(
        { domain: route.domain, transport, routing },
        {
          request,
          header: route.header,
          supplier: { operator: target.supplier, endpoint: route.endpoint },
          signerKey,
        },
      )
      return toPreparedProbeRelay(pinned)
    },
  }
  return createRoutedProbeTransport({ router, ...(parameters.nowMs ? { nowMs: parameters.nowMs } : {}) })
}
