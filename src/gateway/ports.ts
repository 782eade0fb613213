/**
 * What the gateway needs from the outside, declared by the consumer (STYLE §1): the ledger's view of
 * sessions and services, a way to send signed relays to suppliers, and (optionally) watcher verdicts.
 * `chain/` implements the ledger ports with `src/chain`; `transport/` implements `SupplierTransport`
 * with undici over the relayminer's HTTP wire format; tests implement them in memory.
 */
import type { Hex } from '../protocol/bytes/bytes.ts'
import type { SessionHeader } from '../protocol/relay/types.ts'
import type { ComputeUnitPricing, Rational } from '../protocol/settlement/types.ts'
import type { RelayDomain } from '../protocol/signature/typedData.ts'

/** Fixed facts about the ledger, read once at boot. */
export type GatewayLedgerInfo = {
  /** The EIP-712 domain relays are signed under (spec §4). */
  domain: RelayDomain
  /** `N` of spec §3.1. */
  numBlocksPerSession: bigint
  /** `A` of spec §3.1: session 1 starts here. */
  genesisHeight: bigint
}

/** One supplier drawn into a session, as the gateway routes to it. */
export type SessionSupplier = {
  /** The operator address (lower case): what signs responses and what relays name. */
  operator: Hex
  /** The relay endpoint registered on-chain for this service, in force for the session. */
  endpoint: string
  /** Who runs it (the staking owner, lower case): the per-operator concentration cap groups by this. */
  owner: Hex
}

/** One (application, service, session) as the gateway uses it. */
export type GatewaySession = {
  header: SessionHeader
  sessionNumber: bigint
  /** The last height at which suppliers accept relays of this session (end + grace, spec §3.1). */
  graceEndHeight: bigint
  /** Suppliers in the session (spec §3.4) with an endpoint for the service. */
  suppliers: readonly SessionSupplier[]
  pricing: ComputeUnitPricing
  /** Token base units per compute unit (spec §7.2), for the usage ledger's cost. */
  cuToToken: Rational
  /** The application is staked for this service at the session start. */
  isApplicationActive: boolean
  /** The signer is the application or a gateway it had delegated to at the session start. */
  isSignerAuthorized: boolean
}

/** Which session to read. */
export type GetGatewaySessionParameters = {
  application: Hex
  serviceId: string
  sessionNumber: bigint
  /** Who will sign relays (the gateway in delegated mode, the application in centralized mode). */
  signer: Hex
}

/** The ledger's view of sessions. Each call may throw on an RPC failure. */
export interface SessionSource {
  getLedgerInfo(): Promise<GatewayLedgerInfo>
  getBlockNumber(): Promise<bigint>
  /** Throws when the session has not started yet (its seed is not known before it starts). */
  getSession(parameters: GetGatewaySessionParameters): Promise<GatewaySession>
}

/** A service as `/v1/models` reports it. */
export type ServiceInfo = {
  serviceId: string
  /** The model champion. */
  owner: Hex
  modelSha256: Hex
  modelUris: readonly string[]
  license: string
  /** `undefined` before the service's first session. */
  pricing: ComputeUnitPricing | undefined
}

/** Services on the ledger. */
export interface ServiceCatalog {
  /** `undefined` for an unknown service id. */
  getService(serviceId: string): Promise<ServiceInfo | undefined>
}

/** One server-sent event as received: `event:` (absent for plain data events) and the joined `data:`. */
export type { SseEvent } from '../protocol/sse/parseSseStream.ts'

import type { SseEvent } from '../protocol/sse/parseSseStream.ts'

/** What a supplier sent back once its response headers arrived. */
export type SupplierReply =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'stream'; status: number; events: AsyncIterable<SseEvent> }

/** Sends signed relays to suppliers (the relayminer's `POST /v1/relay`, docs/relayminer.md). */
/** How one relay is sent. */
export type SupplierSendOptions = {
  signal: AbortSignal
  requestId: string
  /**
   * Ask the relayminer to acknowledge the relay (HTTP `102 Processing`) as soon as it has validated it,
   * and fail with a `TimeoutError` when neither that nor an answer came within this many ms. Why: a
   * non-streaming answer takes as long as the generation, so without it a supplier that vanished from the
   * network looks the same as one that is still generating until the request's whole deadline.
   */
  acknowledgeTimeoutMs?: number | undefined
}

export interface SupplierTransport {
  /**
   * Sends one relay envelope. Resolves once the supplier's response headers arrive (a stream's events
   * are then read from `events`); rejects on a connection failure or when `signal` fires.
   */
  send(endpoint: string, envelope: unknown, options: SupplierSendOptions): Promise<SupplierReply>
}

/** A watcher's verdict on a supplier (DESIGN §8): `fail` means it served the wrong model or misreported usage. */
export type WatcherVerdict = {
  supplier: Hex
  serviceId: string
  outcome: 'pass' | 'fail'
  /** Why, for logs (never a prompt). */
  reason?: string
}

/** Where verdicts come from (a watcher module, a file, an HTTP feed). */
export interface VerdictSource {
  /** Calls `listener` for each verdict; returns the unsubscribe function. */
  subscribe(listener: (verdict: WatcherVerdict) => void): () => void
}
