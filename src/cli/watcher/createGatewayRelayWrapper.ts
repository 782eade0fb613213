import type { SupplierTransport } from '../../gateway/index.ts'
import { createHttpSupplierTransport } from '../../gateway/transport/createHttpSupplierTransport.ts'
import {
  buildPinnedRelay,
  type PinnedRelayRouting,
  parseChatBody,
} from '../../gateway/watcher/buildPinnedRelay.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { ProbeRelayWrapper } from '../../watcher/transport/createRelayProbeTransport.ts'
import { toPreparedProbeRelay } from './toPreparedProbeRelay.ts'

/**
 * A standalone watcher's probes wrapped by the gateway's own code: the body passes through the
 * gateway's client path (`parseClientRequest`: zod key order, bounds, stream options), is signed like
 * a gateway relay and sent by the gateway's supplier transport (same headers, acknowledgement ask and
 * connection handling). So a watcher started beside a gateway, under its key and with its routing
 * settings, sends relays of the same form as that gateway's.
 *
 * @param parameters - the signer key, the gateway's routing settings, and a transport (default: undici).
 * @returns the wrapper for `createRelayProbeTransport`.
 * @example
 * const transport = createRelayProbeTransport({ routes, wrapper: createGatewayRelayWrapper({ signerKey, routing }) })
 */
export function createGatewayRelayWrapper(parameters: {
  signerKey: Hex
  routing: PinnedRelayRouting
  transport?: SupplierTransport
}): ProbeRelayWrapper {
  const { routing, signerKey } = parameters
  const transport = parameters.transport ?? createHttpSupplierTransport()
  return {
    wrap(route, target, body) {
      const models = { [target.serviceId]: target.serviceId }
      const request = parseChatBody(body as unknown as Record<string, unknown>, models, routing)
      const supplier = { operator: target.supplier, endpoint: route.endpoint }
      const pinned = buildPinnedRelay(
        { domain: route.domain, transport, routing },
        { request, header: route.header, supplier, signerKey },
      )
      return toPreparedProbeRelay(pinned)
    },
  }
}
