import { randomUUID } from 'node:crypto'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { SessionHeader } from '../../protocol/relay/types.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import type { RoutingConfig } from '../config/loadGatewayConfig.ts'
import { type ClientRequest, parseClientRequest } from '../http/parseClientRequest.ts'
import type { SessionSupplier, SupplierReply, SupplierTransport } from '../ports.ts'
import { buildRelayEnvelope, type SignedRelayEnvelope } from '../relay/buildRelayEnvelope.ts'

/** A chat request wrapped, for one named supplier, exactly as the gateway relays its clients' requests. */
export type PinnedRelay = {
  domain: RelayDomain
  relay: SignedRelayEnvelope
  /** Sends it over the gateway's transport; resolves when the supplier's response headers arrive. */
  send(signal: AbortSignal): Promise<SupplierReply>
}

/** The routing settings that shape a relay on the wire: its signed bounds and the acknowledgement ask. */
export type PinnedRelayRouting = Pick<
  RoutingConfig,
  'maxInputTokens' | 'maxOutputTokens' | 'defaultMaxOutputTokens' | 'acknowledgeTimeoutMs'
>

/** What wrapping and sending a pinned relay needs: the ledger's domain, the transport, the bounds. */
export type PinnedRelayContext = {
  domain: RelayDomain
  transport: SupplierTransport
  routing: PinnedRelayRouting
}

/**
 * Validates and bounds a chat body on the client path (`parseClientRequest`): the zod-parsed body (its
 * keys in the schema's order), the service id as `model`, usage asked for on streams, and the signed
 * bounds derived from the body's bytes. What a probe must pass through to look like a client's relay.
 *
 * @param body - a chat request as a client would send it
 * @param models - model names the gateway serves (name → service id)
 * @param routing - the bounds
 * @returns the client request and its relay payload
 * @throws {InvalidGatewayRequestError}, {ModelNotFoundError} for a body the gateway would refuse
 * @example
 * const request = parseChatBody(body, { 'llama-tiny': 'llama-tiny' }, routing)
 */
export function parseChatBody(
  body: Record<string, unknown>,
  models: Readonly<Record<string, string>>,
  routing: PinnedRelayRouting,
): ClientRequest {
  return parseClientRequest({
    operation: 'chat',
    body,
    bodyBytes: Buffer.byteLength(JSON.stringify(body), 'utf8'),
    models,
    routing,
  })
}

/**
 * Signs a parsed chat request for one supplier of one session and returns it with a `send` that uses
 * the gateway's transport the way its routing does: a fresh request id, and on non-streaming relays
 * the acknowledgement ask (`x-decai-processing`) when the routing has it on (as `runJsonAttempt`).
 *
 * @param context - domain, transport, bounds
 * @param parameters - the parsed request, session header, supplier and signer key
 * @returns the pinned relay
 * @example
 * const pinned = buildPinnedRelay(context, { request, header, supplier, signerKey })
 * const reply = await pinned.send(AbortSignal.timeout(60_000))
 */
export function buildPinnedRelay(
  context: PinnedRelayContext,
  parameters: {
    request: ClientRequest
    header: SessionHeader
    supplier: Pick<SessionSupplier, 'operator' | 'endpoint'>
    signerKey: Hex
  },
): PinnedRelay {
  const { request, supplier } = parameters
  const relay = buildRelayEnvelope({
    domain: context.domain,
    header: parameters.header,
    supplier: supplier.operator,
    payload: request.payload,
    maxInputTokens: request.maxInputTokens,
    maxOutputTokens: request.maxOutputTokens,
    signerKey: parameters.signerKey,
  })
  const acknowledgeTimeoutMs = request.isStream
    ? undefined
    : context.routing.acknowledgeTimeoutMs || undefined
  return {
    domain: context.domain,
    relay,
    send: (signal) =>
      context.transport.send(supplier.endpoint, relay.json, {
        signal,
        requestId: randomUUID(),
        acknowledgeTimeoutMs,
      }),
  }
}
