import type { Logger } from 'pino'
import type { GatewayApplication, RoutingConfig } from '../config/loadGatewayConfig.ts'
import type { GatewayMetrics } from '../metrics/createGatewayMetrics.ts'
import type { GatewayLedgerInfo, GatewaySession, SessionSupplier, SupplierTransport } from '../ports.ts'
import type { RelayPayload, SignedRelayEnvelope } from '../relay/buildRelayEnvelope.ts'
import type { SessionCache } from '../session/createSessionCache.ts'
import type { ClientSignal } from './clientSignal.ts'
import type { SupplierScores } from './createSupplierScores.ts'
import type { SupplierSelector } from './createSupplierSelector.ts'

/** Everything routing shares across requests. */
export type RouterContext = {
  ledgerInfo: GatewayLedgerInfo
  sessions: SessionCache
  /** Service id → applications that pay for it. */
  applicationsByService: ReadonlyMap<string, readonly GatewayApplication[]>
  transport: SupplierTransport
  scores: SupplierScores
  selector: SupplierSelector
  metrics: GatewayMetrics
  routing: RoutingConfig
  logger: Logger
  nowMs: () => number
  /** Round-robin position per service over its applications. */
  rotations: Map<string, number>
  /** Sees each valid client request (a watcher in the process copies their shapes into its probes). */
  observeRequest?: ((request: ObservedRequest) => void) | undefined
}

/** A client request as an observer sees it: the validated body as the client wrote it. */
export type ObservedRequest = {
  operation: 'chat' | 'completion' | 'embeddings'
  serviceId: string
  body: unknown
}

/** One client request as routing sees it. */
export type RelayJob = {
  serviceId: string
  /** What suppliers receive (method, path, body with the service id as model). */
  payload: RelayPayload
  maxInputTokens: number
  maxOutputTokens: number
  requestId: string
  /** When the client's request arrived (ms, the context's clock). */
  startedAtMs: number
  /** Fires when the client goes away. */
  signal: ClientSignal
  logger: Logger
}

/** A supplier to try, with the session and application it is tried under. */
export type Candidate = {
  application: GatewayApplication
  session: GatewaySession
  supplier: SessionSupplier
}

/** Why an attempt was started. */
export type AttemptKind = 'first' | 'retry' | 'hedge'

/** One relay sent to one supplier. */
export type Attempt = {
  candidate: Candidate
  relay: SignedRelayEnvelope
  kind: AttemptKind
  /** Aborts this attempt alone (a losing hedge, a client gone, a timeout). */
  controller: AbortController
  startedAtMs: number
  /** Releases the supplier's in-flight slot (idempotent). */
  release: () => void
}
