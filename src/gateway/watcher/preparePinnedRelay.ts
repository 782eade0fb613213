import type { Hex } from '../../protocol/bytes/bytes.ts'
import { NoSupplierError } from '../errors.ts'
import { usablePairs } from '../routing/createCandidatePlan.ts'
import type { RouterContext } from '../routing/types.ts'
import { buildPinnedRelay, type PinnedRelay, parseChatBody } from './buildPinnedRelay.ts'

export type { PinnedRelay } from './buildPinnedRelay.ts'

export type PreparePinnedRelayParameters = {
  /** The supplier's operator address. */
  supplier: Hex
  /** A chat request as a client would send it (`model`: a service id or an alias the gateway serves). */
  body: Record<string, unknown>
  /** Model names the gateway serves (its config's `models`). */
  models: Readonly<Record<string, string>>
}

/**
 * The port a watcher inside the gateway process probes through: the request is validated and bounded by
 * the client path (`parseClientRequest`), relayed under the first usable session of the gateway's own
 * applications that holds the supplier, signed by that application's signer and sent by the gateway's
 * transport with the gateway's acknowledgement setting. So a probe carries the same signer, body shape,
 * bounds, headers and connection pool as the traffic around it. It is pinned: no retry, hedge or score,
 * because the watcher judges this supplier alone.
 *
 * @param context - the gateway's router
 * @param parameters - supplier, chat body, model map
 * @returns the signed relay and a function that sends it
 * @throws {InvalidGatewayRequestError}, {ModelNotFoundError} for a body the gateway would refuse;
 *   {NoApplicationError}, {GatewayChainUnavailableError}; {NoSupplierError} when no usable session holds it
 * @example
 * const pinned = await preparePinnedRelay(gateway.router, { supplier, body, models: config.models })
 * const reply = await pinned.send(AbortSignal.timeout(60_000))
 */
export async function preparePinnedRelay(
  context: RouterContext,
  parameters: PreparePinnedRelayParameters,
): Promise<PinnedRelay> {
  const request = parseChatBody(parameters.body, parameters.models, context.routing)
  const operator = parameters.supplier.toLowerCase() as Hex
  const pairs = await usablePairs(context, request.serviceId)
  for (const { application, session } of pairs) {
    const supplier = session.suppliers.find((member) => member.operator === operator)
    if (!supplier) continue
    return buildPinnedRelay(
      { domain: context.ledgerInfo.domain, transport: context.transport, routing: context.routing },
      { request, header: session.header, supplier, signerKey: application.signerKey.reveal() },
    )
  }
  throw new NoSupplierError({ serviceId: request.serviceId })
}
